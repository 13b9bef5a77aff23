import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env.ts';
import { createRuntime } from '../../server.ts';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, seedFixtureFiles, testDatabaseKind, type TestRuntime } from '../../test/harness.ts';
import { certificatesClient } from '../certificates/testing.ts';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../../bin/lifeline.js');

describe.runIf(testDatabaseKind() === 'pglite')('npx lifeline backup and restore (embedded)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'lifeline-backup-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('moves the register and its sealed keys to a new data folder, where verify-log passes', async () => {
    const from = path.join(root, 'from');
    const to = path.join(root, 'to');
    const runtime = await createRuntime(
      readEnv({ NODE_ENV: 'test', AUTH_DEV_CODE: '000000', LOG_LEVEL: 'silent', DATA_DIR: from }),
    );
    await seedFixtureFiles(runtime);
    const api = certificatesClient(runtime);
    await api.registered(await login(runtime as TestRuntime, 'k.mweene'), 'birth', birthDeclaration());
    await runtime.close();

    const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', BACKUP_PASSPHRASE: 'a long test passphrase' };
    const backup = await run('node', [CLI, 'backup', path.join(root, 'backup')], { env: { ...env, DATA_DIR: from } });
    expect(backup.stdout).toMatch(/backed up \d+ rows of \d+ tables as of .*, 2 keys sealed/);
    expect(readFileSync(path.join(root, 'backup', 'keys.json'), 'utf8')).not.toContain('PRIVATE KEY');

    const wrong = await run('node', [CLI, 'restore', path.join(root, 'backup')], {
      env: { ...env, DATA_DIR: to, BACKUP_PASSPHRASE: 'not the passphrase' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('wrong passphrase') });

    // A backup whose manifest was changed (here: one table file's checksum) is refused before anything is written.
    const forged = path.join(root, 'forged');
    cpSync(path.join(root, 'backup'), forged, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(forged, 'manifest.json'), 'utf8'));
    manifest.tables[0].sha256 = '0'.repeat(64);
    writeFileSync(path.join(forged, 'manifest.json'), JSON.stringify(manifest));
    const refused = await run('node', [CLI, 'restore', forged], { env: { ...env, DATA_DIR: to } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('not signed by the registry key') });

    const restore = await run('node', [CLI, 'restore', path.join(root, 'backup')], { env: { ...env, DATA_DIR: to } });
    expect(restore.stdout).toMatch(/registration_sequence_birth: \d+ in the backup, resumes at \d+/);
    for (const key of ['certificate-signing.pem', 'token-signing.pem']) {
      expect(readFileSync(path.join(to, 'keys', key), 'utf8')).toBe(readFileSync(path.join(from, 'keys', key), 'utf8'));
    }
    const verified = await run('node', [CLI, 'verify-log'], { env: { ...env, DATA_DIR: to } });
    expect(verified.stdout).toMatch(/every chain is intact/);
  }, 240_000);
});
