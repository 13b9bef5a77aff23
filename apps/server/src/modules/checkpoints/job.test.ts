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
  const covered = async () =>
    (
      await runtime.ctx.db
        .withTables<{ checkpoint_heads: { chain: string; checkpoint_id: number } }>()
        .selectFrom('checkpoint_heads')
        .select('chain')
        .where('chain', '=', `record:${record.id}`)
        .execute()
    ).length > 0;
  const deadline = Date.now() + 15_000;
  while (!(await covered()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await covered()).toBe(true);
  const row = await latestCheckpoint(runtime.ctx.db);
  await new Promise((r) => setTimeout(r, 2500));
  expect((await latestCheckpoint(runtime.ctx.db))?.id).toBe(row!.id);
});
