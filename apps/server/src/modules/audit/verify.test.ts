import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env.ts';
import { createRuntime } from '../../server.ts';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, seedFixtureFiles, startTestRuntime, testDatabaseKind, type TestRuntime } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { verifyLogs } from './verify.ts';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../../bin/lifeline.js');

async function registerOne(runtime: Pick<TestRuntime, 'app' | 'ctx'>) {
  const api = recordsClient(runtime as TestRuntime);
  const registrar = await login(runtime as TestRuntime, 'k.mweene');
  await seedFixtureFiles(runtime);
  const record = (await api.create(registrar, 'birth')).json();
  const res = await api.act(registrar, record.id, 'REGISTER', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return record.id as string;
}

describe('the tamper-evident register', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(() => runtime?.close());

  it('cannot be updated or deleted by the application', async () => {
    const id = await registerOne(runtime);
    const db = runtime.ctx.db;
    await expect(sql`UPDATE event_actions SET type = 'ARCHIVE' WHERE event_id = ${id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM event_actions WHERE event_id = ${id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyLogs(db)).problems).toEqual([]);
  });

  it('detects an action modified behind its back (by someone able to disable the guard)', async () => {
    const id = await registerOne(runtime);
    const db = runtime.ctx.db;
    await sql`ALTER TABLE event_actions DISABLE TRIGGER USER`.execute(db);
    await sql`UPDATE event_actions SET declaration = jsonb_set(declaration, '{child.name}', '{"firstname":"Eve","surname":"Mallory"}')
              WHERE event_id = ${id} AND type = 'DECLARE'`.execute(db);
    await sql`ALTER TABLE event_actions ENABLE TRIGGER USER`.execute(db);
    const report = await verifyLogs(db);
    expect(report.problems).toEqual([
      { table: 'event_actions', chain: id, position: 2, problem: 'action DECLARE was modified after it was written' },
    ]);
  });

  it('detects a deleted action and a modified audit entry', async () => {
    const id = await registerOne(runtime);
    const db = runtime.ctx.db;
    await sql`ALTER TABLE event_actions DISABLE TRIGGER USER`.execute(db);
    await sql`DELETE FROM event_actions WHERE event_id = ${id} AND type = 'VALIDATE'`.execute(db);
    await sql`ALTER TABLE event_actions ENABLE TRIGGER USER`.execute(db);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
    await sql`UPDATE audit_log SET actor_role = 'NATIONAL_REGISTRAR' WHERE subject_id = ${id} AND action = 'record.REGISTER'`.execute(
      db,
    );
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
    const problems = (await verifyLogs(db)).problems;
    expect(problems).toContainEqual(expect.objectContaining({ table: 'event_actions', chain: id, position: 4 }));
    expect(problems).toContainEqual(
      expect.objectContaining({ table: 'audit_log', chain: `event:${id}`, problem: 'entry modified' }),
    );
  });
});

describe.runIf(testDatabaseKind() === 'pglite')('npx lifeline verify-log', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-verify-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports an intact log with exit 0 and a modified action with exit 1', async () => {
    const env = readEnv({ NODE_ENV: 'test', AUTH_DEV_CODE: '000000', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    let runtime = await createRuntime(env);
    const id = await registerOne(runtime as TestRuntime);
    await runtime.close();

    const cliEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
    const ok = await run('node', [CLI, 'verify-log'], { env: cliEnv });
    expect(ok.stdout).toMatch(/every chain is intact/);

    runtime = await createRuntime(env);
    await sql`ALTER TABLE event_actions DISABLE TRIGGER USER`.execute(runtime.ctx.db);
    await sql`UPDATE event_actions SET registration_number = 'B20260000001X' WHERE event_id = ${id} AND type = 'REGISTER'`.execute(
      runtime.ctx.db,
    );
    await runtime.close();
    const broken = await run('node', [CLI, 'verify-log'], { env: cliEnv }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN event_actions ${id} #4: action REGISTER was modified after it was written`);
  });
});
