import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.bwalya', 'f.katongo', 'k.mweene', 'k.mwale', 'g.phiri', 'm.owen', 'c.lungu', 'j.campbell']) {
    as[u] = await login(runtime, u);
  }
});
afterAll(() => runtime?.close());

async function declaredBirth(by = 'f.katongo') {
  const record = (await api.create(as[by], 'birth')).json();
  const res = await api.act(as[by], record.id, 'DECLARE', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('scopes', () => {
  it('needs a token', async () => {
    const res = await runtime.app.inject({
      method: 'POST',
      url: '/api/events',
      payload: { type: 'birth', transactionId: 'a' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('refuses actions the role does not have, changing nothing', async () => {
    const record = await declaredBirth('k.bwalya');
    const clerk = await api.act(as['k.bwalya'], record.id, 'REGISTER');
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json().detail).toMatch(/record\.(register|validate)/);
    expect((await api.act(as['f.katongo'], record.id, 'REGISTER')).statusCode).toBe(403);
    expect((await api.create(as['j.campbell'], 'birth')).statusCode).toBe(403);
    expect((await api.get(as['k.mweene'], record.id)).json().version).toBe(record.version);
  });

  it('lets a community leader notify but not declare', async () => {
    const record = (await api.create(as['g.phiri'], 'birth')).json();
    expect((await api.act(as['g.phiri'], record.id, 'DECLARE', { declaration: birthDeclaration() })).statusCode).toBe(
      403,
    );
    const notified = await api.act(as['g.phiri'], record.id, 'NOTIFY', { declaration: { 'child.gender': 'male' } });
    expect(notified.statusCode, notified.body).toBe(200);
  });
});

describe('jurisdiction', () => {
  it('keeps a registrar of another district out, and lets province and nation in', async () => {
    const record = await declaredBirth();
    const outsider = await api.act(as['k.mwale'], record.id, 'REGISTER');
    expect(outsider.statusCode).toBe(403);
    expect((await api.get(as['k.mwale'], record.id)).statusCode).toBe(403);
    expect((await api.get(as['m.owen'], record.id)).statusCode).toBe(200);
    const national = await api.act(as['c.lungu'], record.id, 'REGISTER');
    expect(national.statusCode, national.body).toBe(200);
  });

  it('limits a hospital clerk to records of their own office', async () => {
    const record = await declaredBirth('f.katongo');
    expect((await api.get(as['k.bwalya'], record.id)).statusCode).toBe(403);
  });
});

describe('allowed actions by status and flags', () => {
  it('refuses an action the record status does not allow with 409', async () => {
    const record = await declaredBirth();
    expect((await api.act(as['k.mweene'], record.id, 'REGISTER')).statusCode).toBe(200);
    const again = await api.act(as['k.mweene'], record.id, 'REGISTER');
    expect(again.statusCode).toBe(409);
    expect((await api.act(as['k.mweene'], record.id, 'REJECT', { reason: 'late' })).statusCode).toBe(409);
    expect((await api.act(as['f.katongo'], record.id, 'DECLARE', { declaration: birthDeclaration() })).statusCode).toBe(
      409,
    );
  });

  it('refuses a stale version with 409', async () => {
    const record = await declaredBirth();
    const res = await api.act(as['k.mweene'], record.id, 'VALIDATE', { version: record.version - 1 });
    expect(res.statusCode).toBe(409);
    expect((await api.act(as['k.mweene'], record.id, 'VALIDATE', { version: record.version })).statusCode).toBe(200);
  });
});

describe('assignment', () => {
  it('locks the record to its assignee until they or a supervisor unassign it', async () => {
    const record = await declaredBirth();
    const assigned = await api.act(as['f.katongo'], record.id, 'ASSIGN');
    expect(assigned.statusCode, assigned.body).toBe(200);
    const katongoId = assigned.json().assignedTo;
    expect(katongoId).toBeTruthy();
    expect((await api.act(as['k.mweene'], record.id, 'REGISTER')).statusCode).toBe(409);
    expect((await api.act(as['k.mweene'], record.id, 'ASSIGN')).statusCode).toBe(409);
    const released = await api.act(as['k.mweene'], record.id, 'UNASSIGN');
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().assignedTo).toBeNull();
    expect((await api.act(as['k.mweene'], record.id, 'REGISTER')).statusCode).toBe(200);
  });

  it('does not let an agent unassign someone else', async () => {
    const record = await declaredBirth();
    expect((await api.act(as['k.mweene'], record.id, 'ASSIGN')).statusCode).toBe(200);
    expect((await api.act(as['f.katongo'], record.id, 'UNASSIGN')).statusCode).toBe(403);
  });
});

describe('idempotency', () => {
  it('returns the first record when a create is replayed', async () => {
    const transactionId = randomUUID();
    const first = await api.create(as['f.katongo'], 'birth', transactionId);
    const second = await api.create(as['f.katongo'], 'birth', transactionId);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const count = await runtime.ctx.db
      .selectFrom('event_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('transaction_id', '=', transactionId)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
    expect((await api.create(as['k.mweene'], 'birth', transactionId)).statusCode).toBe(409);
  });

  it('applies a replayed action once and answers the replay with the record', async () => {
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const body = { transactionId: randomUUID(), declaration: birthDeclaration() };
    const url = `/api/events/${record.id}/actions/DECLARE?include=actions`;
    const first = await api.call(as['f.katongo'], 'POST', url, body);
    const replay = await api.call(as['f.katongo'], 'POST', url, body);
    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().actions).toHaveLength(2);
    expect(replay.json().version).toBe(first.json().version);
  });

  it('registers a replayed one-step registration once, with one number', async () => {
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const body = { transactionId: randomUUID(), declaration: birthDeclaration() };
    const url = `/api/events/${record.id}/actions/REGISTER?include=actions`;
    const [a, b] = await Promise.all([
      api.call(as['k.mweene'], 'POST', url, body),
      api.call(as['k.mweene'], 'POST', url, body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().registrationNumber).toBe(b.json().registrationNumber);
    expect(b.json().actions).toHaveLength(4);
  });
});

describe('races of one request', () => {
  it('answers every copy of a request sent at once, writing it once', async () => {
    const record = await declaredBirth();
    const body = { transactionId: randomUUID(), version: record.version };
    const url = `/api/events/${record.id}/actions/VALIDATE`;
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => api.call(as['f.katongo'], 'POST', url, body)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.json().version))).toEqual(new Set([record.version + 1]));
    const doc = (await api.get(as['f.katongo'], record.id)).json();
    expect(doc.actions.filter((x: { type: string }) => x.type === 'VALIDATE')).toHaveLength(1);
  });
});

describe('races', () => {
  it('lets only one of two concurrent registrations win, and issues one number', async () => {
    const record = await declaredBirth();
    const [a, b] = await Promise.all([
      api.act(as['k.mweene'], record.id, 'REGISTER'),
      api.act(as['m.owen'], record.id, 'REGISTER'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const doc = (await api.get(as['k.mweene'], record.id)).json();
    expect(doc.actions.filter((x: { type: string }) => x.type === 'REGISTER')).toHaveLength(1);
  });

  it('gives concurrent registrations of different records different numbers', async () => {
    const records = await Promise.all(Array.from({ length: 8 }, () => declaredBirth()));
    const results = await Promise.all(records.map((r) => api.act(as['k.mweene'], r.id, 'REGISTER')));
    const numbers = results.map((r) => r.json().registrationNumber);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(numbers).size).toBe(8);
  });
});
