import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { liveSubscriptions } from './repository.ts';
import { SubscriptionCache } from './subscription-cache.ts';

let runtime: TestRuntime;
let second: TestRuntime;
let admin: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ WEBHOOK_ALLOWED_HOSTS: 'hooks.example' });
  second = await startSecondCopy(runtime);
  admin = (await login(runtime, 'j.campbell')).accessToken;
});
afterAll(async () => {
  await second?.close();
  await runtime?.close();
});

/** Subscribe through the API of the first copy; returns the subscription id. */
async function subscribe(events: string[]): Promise<string> {
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(admin),
    payload: { url: 'https://hooks.example/in', events },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('webhook subscriptions kept in memory', () => {
  it('reads once while listening, again after a change; never keeps while not listening', async () => {
    const counter = { loads: 0 };
    const cache = new SubscriptionCache((db) => {
      counter.loads += 1;
      return liveSubscriptions(db);
    });
    const db = runtime.ctx.db;
    await cache.matching(db, ['birth.registered']);
    await cache.matching(db, ['birth.registered']);
    expect(counter.loads).toBe(2); // not listening: every change reads the table
    const handlers = cache.handlers(() => undefined);
    handlers.listening?.();
    await cache.matching(db, ['birth.registered']);
    await cache.matching(db, ['birth.registered']);
    expect(counter.loads).toBe(3);
    handlers.message('changed');
    const id = await subscribe(['birth.registered']);
    expect((await cache.matching(db, ['birth.registered'])).map((s) => s.id)).toContain(id);
    expect(await cache.matching(db, ['death.declared'])).toEqual([]);
    expect(counter.loads).toBe(4);
    handlers.lost();
    await cache.matching(db, ['birth.registered']);
    await cache.matching(db, ['birth.registered']);
    expect(counter.loads).toBe(6);
  });

  it('every server copy hears of a new or ended subscription', async () => {
    const cache = second.ctx.webhookSubscriptions!;
    const before = await cache.matching(second.ctx.db, ['*.declared']);
    const id = await subscribe(['*.declared']);
    await expect
      .poll(async () => (await cache.matching(second.ctx.db, ['*.declared'])).map((s) => s.id), { timeout: 5000 })
      .toContain(id);
    expect(before.map((s) => s.id)).not.toContain(id);
    const gone = await runtime.app.inject({ method: 'DELETE', url: `/api/webhooks/${id}`, headers: bearer(admin) });
    expect(gone.statusCode).toBe(204);
    await expect
      .poll(async () => (await cache.matching(second.ctx.db, ['*.declared'])).map((s) => s.id), { timeout: 5000 })
      .not.toContain(id);
  });
});
