import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { backupDatabase } from './export.ts';
import { restoreDatabase } from './restore.ts';

/** A backup taken before registration numbers had sequences (migration 0200): its counts were in a table. */

const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-before-sequences-'));
const runtimes: TestRuntime[] = [];
afterAll(async () => {
  for (const r of runtimes) await r.close();
  rmSync(dir, { recursive: true, force: true });
});

async function registerBirth(runtime: TestRuntime): Promise<number> {
  const api = recordsClient(runtime);
  const registrar = await login(runtime, 'k.mweene');
  const record = (await api.create(registrar, 'birth')).json();
  const res = await api.act(registrar, record.id, 'REGISTER', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return Number((res.json().registrationNumber as string).slice(-7));
}

describe('restoring a backup taken before registration sequences', () => {
  it('resumes the birth numbers above the count the backup kept in registration_counters', async () => {
    const old = await startTestRuntime();
    runtimes.push(old);
    const issued = Math.max(await registerBirth(old), await registerBirth(old));
    // What such a database held: the count in the table, no sequence.
    await sql`UPDATE registration_counters SET last = ${issued} WHERE event_type = 'birth'`.execute(old.ctx.db);
    await sql`DROP SEQUENCE registration_sequence_birth`.execute(old.ctx.db);
    const backup = path.join(dir, 'backup');
    const manifest = await backupDatabase(old.ctx.db, old.ctx.dbKind, backup, null);
    expect(manifest.sequences.registration_sequence_birth).toBeUndefined();

    const restored = await startTestRuntime();
    runtimes.push(restored);
    const report = await restoreDatabase(restored.ctx.db, backup, { gap: 1000, replace: false });
    expect(report.sequences.registration_sequence_birth).toEqual({ backup: issued, resumesAt: issued + 1001 });
    expect(await registerBirth(restored)).toBe(issued + 1001);
  }, 120_000);
});
