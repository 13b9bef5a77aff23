import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompactSign, compactVerify } from 'jose';
import { sha256Hex } from '../../lib/hash.ts';
import { CERTIFICATE_ALGORITHM, type CertificateKeys } from '../verify/keys.ts';

/**
 * The registry key's signature over the manifest (which holds every table file's SHA-256): a backup altered by
 * anyone without the key is refused at restore, not merely found out by verify-log afterwards.
 */
export async function signManifest(dir: string, keys: Pick<CertificateKeys, 'privateKey' | 'kid'>): Promise<void> {
  const digest = sha256Hex(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ manifest: digest })))
    .setProtectedHeader({ alg: CERTIFICATE_ALGORITHM, kid: keys.kid, typ: 'lifeline-backup' })
    .sign(keys.privateKey);
  writeFileSync(path.join(dir, 'manifest.jws'), jws);
}

/** Whether the manifest carries a valid signature of this key. */
export async function manifestSignedBy(dir: string, keys: Pick<CertificateKeys, 'publicKey'>): Promise<boolean> {
  const file = path.join(dir, 'manifest.jws');
  if (!existsSync(file)) return false;
  try {
    const { payload } = await compactVerify(readFileSync(file, 'utf8'), keys.publicKey, {
      algorithms: [CERTIFICATE_ALGORITHM],
    });
    const { manifest } = JSON.parse(new TextDecoder().decode(payload)) as { manifest?: string };
    return manifest === sha256Hex(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return false;
  }
}
