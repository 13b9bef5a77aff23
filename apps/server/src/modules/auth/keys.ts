import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export const TOKEN_ALGORITHM = 'RS256';

export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  /** The public key as a JWK, published at /.well-known/jwks.json. */
  publicJwk: JWK;
}

/**
 * The token signing key: given by JWT_PRIVATE_KEY (PEM), or generated on first start and kept in
 * `<dataDir>/keys/token-signing.pem` (mode 600) so tokens survive restarts. Several server copies behind a
 * load balancer must share one key: give it by environment there.
 */
export async function loadSigningKeys(dataDir: string | null, pem?: string): Promise<SigningKeys> {
  let privatePem = pem;
  if (!privatePem && dataDir) {
    const file = path.join(dataDir, 'keys', 'token-signing.pem');
    if (existsSync(file)) privatePem = readFileSync(file, 'utf8');
    else {
      privatePem = generatePem();
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, privatePem, { mode: 0o600 });
    }
  }
  privatePem ??= generatePem();
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, alg: TOKEN_ALGORITHM, use: 'sig' } };
}

function generatePem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
