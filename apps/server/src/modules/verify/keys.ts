import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { AppContext } from '../../context.ts';

/** Certificates and credentials are signed with Ed25519: short signatures that fit in a QR code. */
export const CERTIFICATE_ALGORITHM = 'EdDSA';

export interface CertificateKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The JWK thumbprint (RFC 7638) of the public key; printed on certificates and in every signature's header. */
  kid: string;
  /** The public key as a JWK, published at /.well-known/jwks.json and in /.well-known/did.json. */
  publicJwk: JWK;
}

export const CERTIFICATE_KEY_FILE = 'certificate-signing.pem';

/**
 * The certificate signing key: CERT_SIGNING_KEY (PEM, Ed25519), else `<dataDir>/keys/certificate-signing.pem`
 * (generated on first start, mode 600). Certificates on paper outlive servers: back this key up with the data and
 * give every server copy the same one. With no data folder (tests) the key lives in memory only.
 */
export async function loadCertificateKeysFrom(dataDir: string | null, pem?: string): Promise<CertificateKeys> {
  let privatePem = pem;
  if (!privatePem && dataDir) {
    const file = path.join(dataDir, 'keys', CERTIFICATE_KEY_FILE);
    if (existsSync(file)) privatePem = readFileSync(file, 'utf8');
    else {
      privatePem = generatePem();
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        writeFileSync(file, privatePem, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another server copy sharing the folder wrote it first: use theirs.
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
        privatePem = readFileSync(file, 'utf8');
      }
    }
  }
  privatePem ??= generatePem();
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`CERT_SIGNING_KEY must be an Ed25519 private key, not ${privateKey.asymmetricKeyType}`);
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, alg: CERTIFICATE_ALGORITHM, use: 'sig' } };
}

function generatePem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

const loaded = new WeakMap<AppContext, Promise<CertificateKeys>>();

/**
 * The keys of one running server (one AppContext), loaded once. The data folder is used when it exists: the token
 * key loader creates it at start, except for servers with in-memory keys (tests), which get an in-memory key here.
 */
export function certificateKeys(ctx: AppContext): Promise<CertificateKeys> {
  let keys = loaded.get(ctx);
  if (!keys) {
    const dataDir = existsSync(ctx.env.dataDir) ? ctx.env.dataDir : null;
    keys = loadCertificateKeysFrom(dataDir, ctx.env.certSigningKey);
    loaded.set(ctx, keys);
  }
  return keys;
}

/** The certificate key for the JWKS next to the token key (/.well-known/jwks.json). */
export async function certificateJwks(ctx: AppContext): Promise<JWK[]> {
  return [(await certificateKeys(ctx)).publicJwk];
}

/**
 * The registry key of a deployment for the command line, never generated: CERT_SIGNING_KEY, else the data folder's
 * key file; null when there is neither (a register that never ran, or a key kept elsewhere).
 */
export async function existingCertificateKeys(env: {
  dataDir: string;
  certSigningKey?: string;
}): Promise<CertificateKeys | null> {
  if (env.certSigningKey) return loadCertificateKeysFrom(null, env.certSigningKey);
  const file = path.join(env.dataDir, 'keys', CERTIFICATE_KEY_FILE);
  return existsSync(file) ? loadCertificateKeysFrom(null, readFileSync(file, 'utf8')) : null;
}

/** A public key given to a verifier (PEM, or a JWK / JWKS as published): what checkpoints must verify with. */
export async function publicKeyFrom(text: string): Promise<Pick<CertificateKeys, 'publicKey' | 'kid'>> {
  const trimmed = text.trim();
  let publicKey: KeyObject;
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as JWK & { keys?: JWK[] };
    const jwk = parsed.keys ? parsed.keys.find((k) => k.crv === 'Ed25519') : parsed;
    if (!jwk) throw new Error('no Ed25519 key in that JWKS');
    publicKey = createPublicKey({ key: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, format: 'jwk' });
  } else publicKey = createPublicKey(trimmed);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the registry key is an Ed25519 key');
  const jwk = await exportJWK(publicKey);
  return { publicKey, kid: await calculateJwkThumbprint(jwk) };
}
