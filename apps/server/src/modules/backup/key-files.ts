import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The signing keys a backup must carry: the data folder's key files, and keys given in the environment instead. */
export function keyFiles(env: { dataDir: string; jwtPrivateKey?: string; certSigningKey?: string }) {
  const files: Record<string, string> = {};
  const dir = path.join(env.dataDir, 'keys');
  if (existsSync(dir)) for (const name of readdirSync(dir)) files[name] = readFileSync(path.join(dir, name), 'utf8');
  if (env.jwtPrivateKey) files['token-signing.pem'] = env.jwtPrivateKey;
  if (env.certSigningKey) files['certificate-signing.pem'] = env.certSigningKey;
  return files;
}
