import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import type { RecordChange } from './changes.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let clerk: Tokens;
const seen: RecordChange[] = [];
let refuse = false;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  clerk = await login(runtime, 'k.bwalya');
  runtime.ctx.recordListeners = [
    async (trx, change) => {
      // Written in the record's transaction: visible to it, and rolled back with it.
      const row = await trx
        .selectFrom('event_index')
        .select('version')
        .where('event_id', '=', change.eventId)
        .executeTakeFirst();
      expect(row?.version).toBe(change.version);
      if (refuse) throw new Error('listener refuses');
      seen.push(change);
    },
  ];
});
afterAll(() => runtime?.close());

describe('record change listeners', () => {
  it('hear every create and action in the write transaction, with the state before and after', async () => {
    const created = await api.create(clerk, 'birth');
    const id = created.json().id;
    await api.act(clerk, id, 'DECLARE', { declaration: birthDeclaration() });
    const mine = seen.filter((c) => c.eventId === id);
    expect(mine.map((c) => c.actions.map((a) => a.type))).toEqual([['CREATE'], ['DECLARE']]);
    expect(mine[1]).toMatchObject({ eventType: 'birth', before: { status: 'CREATED' }, after: { status: 'DECLARED' } });
    expect(mine[1].actor.username).toBe('k.bwalya');
  });

  it('roll the change back when they throw', async () => {
    const id = (await api.create(clerk, 'birth')).json().id;
    refuse = true;
    const refused = await api.act(clerk, id, 'DECLARE', { declaration: birthDeclaration() });
    refuse = false;
    expect(refused.statusCode).toBe(500);
    expect((await api.get(clerk, id)).json().status).toBe('CREATED');
  });
});
