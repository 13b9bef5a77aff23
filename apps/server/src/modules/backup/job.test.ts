import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { certificateKeys } from '../verify/index.ts';
import { manifestSignedBy } from './manifest-signature.ts';
import { readManifest } from './restore.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-scheduled-'));
let runtime: TestRuntime | undefined;
afterAll(async () => {
  await runtime?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('backs the running server up on its schedule (the embedded database online), each in a folder of its own', async () => {
  // 0.0005 hours: every 1.8 seconds.
  runtime = await startTestRuntime({
    BACKUP_DIR: dir,
    BACKUP_INTERVAL_HOURS: '0.0005',
    BACKUP_PASSPHRASE: 'a long test passphrase',
  });
  const deadline = Date.now() + 30_000;
  // Only whole backups carry their final name: one still being written is under `<name>.partial`.
  const done = () =>
    readdirSync(dir).filter((f) => !f.endsWith('.partial') && existsSync(path.join(dir, f, 'manifest.json')));
  while (!done().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  expect(done().length).toBeGreaterThan(0);
  const manifest = readManifest(path.join(dir, done()[0]));
  expect(manifest.tables.find((t) => t.name === 'users')!.rows).toBeGreaterThan(0);
  expect(manifest.database).toBe(runtime.dbName);
  expect(await manifestSignedBy(path.join(dir, done()[0]), await certificateKeys(runtime.ctx))).toBe(true);
});
