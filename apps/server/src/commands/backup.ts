import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { connectDatabase } from '../db/connect.ts';
import { migrateAndGrant } from '../db/owner.ts';
import type { ServerEnv } from '../lib/env.ts';
import { backupDatabase } from '../modules/backup/export.ts';
import { openFiles, sealFiles, type KeyEnvelope } from '../modules/backup/key-envelope.ts';
import { keyFiles } from '../modules/backup/key-files.ts';
import { manifestSignedBy, signManifest } from '../modules/backup/manifest-signature.ts';
import { existingCertificateKeys, loadCertificateKeysFrom } from '../modules/verify/keys.ts';
import { restoreDatabase } from '../modules/backup/restore.ts';

/** BACKUP_PASSPHRASE, else asked for on the terminal. */
async function passphrase(): Promise<string> {
  if (process.env.BACKUP_PASSPHRASE) return process.env.BACKUP_PASSPHRASE;
  if (!process.stdin.isTTY) throw new Error('set BACKUP_PASSPHRASE (the keys in a backup are sealed with it)');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('Backup passphrase: ');
  } finally {
    rl.close();
  }
}

/** `lifeline backup DIR`: the database from one snapshot, and the signing keys sealed with a passphrase. */
export async function runBackup(env: ServerEnv, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 1) throw new Error('usage: lifeline backup DIR');
  const keys = keyFiles(env);
  const sealed = Object.keys(keys).length ? await sealFiles(keys, await passphrase()) : null;
  const handle = await connectDatabase({
    databaseUrl: env.databaseOwnerUrl ?? env.databaseUrl,
    dataDir: env.dataDir,
    poolSize: 1,
  });
  try {
    const started = performance.now();
    const manifest = await backupDatabase(handle.db, handle.kind, positionals[0], sealed);
    const registryKey = await existingCertificateKeys(env);
    if (registryKey) await signManifest(positionals[0], registryKey);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `backed up ${rows} rows of ${manifest.tables.length} tables as of ${manifest.takenAt}, ` +
        `${Object.keys(keys).length} keys sealed (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (!sealed) console.log('WARNING: no signing keys found: certificates will not verify after a restore');
    return 0;
  } finally {
    await handle.close();
  }
}

/**
 * `lifeline restore DIR [--replace]` (the server stopped): the database as of the backup, every number sequence
 * resuming RESTORE_NUMBER_GAP above it, and the keys back in the data folder.
 */
export async function runRestore(env: ServerEnv, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new Error('usage: lifeline restore DIR [--replace]');
  const dir = positionals[0];
  const gap = Number(process.env.RESTORE_NUMBER_GAP ?? 10_000);
  if (!Number.isInteger(gap) || gap < 1) throw new Error('RESTORE_NUMBER_GAP must be a positive whole number');
  const keysFile = path.join(dir, 'keys.json');
  const keys = existsSync(keysFile)
    ? await openFiles(JSON.parse(readFileSync(keysFile, 'utf8')) as KeyEnvelope, await passphrase())
    : {};
  const keyDir = path.join(env.dataDir, 'keys');
  for (const [name, pem] of Object.entries(keys)) {
    const file = path.join(keyDir, name);
    if (existsSync(file) && readFileSync(file, 'utf8') !== pem && !values.replace) {
      throw new Error(`${file} holds another key: pass --replace to put the backup's keys in its place`);
    }
  }
  // Signed with the registry key the backup carries (or the one this server is given): refuse a forged backup.
  const registryPem = env.certSigningKey ?? keys['certificate-signing.pem'];
  if (registryPem) {
    const registryKey = await loadCertificateKeysFrom(null, registryPem);
    if (!(await manifestSignedBy(dir, registryKey))) {
      throw new Error(
        `${dir}: the manifest is not signed by the registry key: the backup was altered, or is not this registry's`,
      );
    }
  } else
    console.log('WARNING: no registry key in the backup or the environment: its manifest signature is not checked');
  await migrateAndGrant(env);
  const handle = await connectDatabase({
    databaseUrl: env.databaseOwnerUrl ?? env.databaseUrl,
    dataDir: env.dataDir,
    poolSize: 1,
  });
  try {
    const report = await restoreDatabase(handle.db, dir, { gap, replace: values.replace ?? false });
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    for (const [name, pem] of Object.entries(keys)) writeFileSync(path.join(keyDir, name), pem, { mode: 0o600 });
    console.log(`restored ${report.rows} rows as of ${report.takenAt}; ${Object.keys(keys).length} keys`);
    for (const [name, s] of Object.entries(report.sequences)) {
      console.log(`  ${name}: ${s.backup} in the backup, resumes at ${s.resumesAt}`);
    }
    if (env.certSigningKey || env.jwtPrivateKey) {
      console.log('NOTE: keys set in the environment (CERT_SIGNING_KEY, JWT_PRIVATE_KEY) take precedence over these');
    }
    return 0;
  } finally {
    await handle.close();
  }
}
