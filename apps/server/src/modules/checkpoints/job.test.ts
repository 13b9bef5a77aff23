import { afterAll, beforeAll, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { certificatesClient } from '../certificates/testing.ts';
import { latestCheckpoint } from './repository.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ CHECKPOINT_INTERVAL_SECONDS: '1' });
});
afterAll(() => runtime?.close());

it('writes a checkpoint in the background once records move, and nothing while none do', async () => {
  const api = certificatesClient(runtime);
  const record = await api.registered(await login(runtime, 'k.mweene'), 'birth', birthDeclaration());
  const deadline = Date.now() + 15_000;
  let row = await latestCheckpoint(runtime.ctx.db);
  while (!row && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    row = await latestCheckpoint(runtime.ctx.db);
  }
  expect(row).toBeDefined();
  const heads = await runtime.ctx.db
    .withTables<{ checkpoint_heads: { chain: string; checkpoint_id: number } }>()
    .selectFrom('checkpoint_heads')
    .select('chain')
    .execute();
  expect(heads.map((h) => h.chain)).toContain(`record:${record.id}`);
  await new Promise((r) => setTimeout(r, 2500));
  expect((await latestCheckpoint(runtime.ctx.db))?.id).toBe(row!.id);
});
