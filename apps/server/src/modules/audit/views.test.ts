import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { verifyLogs } from './verify.ts';

let runtime: TestRuntime;
const as: Record<string, Tokens> = {};
const ids: Record<string, string> = {};
let recordId = '';

beforeAll(async () => {
  runtime = await startTestRuntime();
  for (const u of ['f.katongo', 'k.mweene', 'e.mayuka', 'm.musonda', 'k.bwalya', 'j.campbell', 'c.lungu']) {
    as[u] = await login(runtime, u);
  }
  const rows = await runtime.ctx.db.selectFrom('users').select(['id', 'username']).execute();
  for (const r of rows) ids[r.username] = r.id;
  // The agent declares a birth; the registrar views and registers it.
  const api = recordsClient(runtime);
  const record = (await api.create(as['f.katongo'], 'birth')).json();
  recordId = record.id;
  expect((await api.act(as['f.katongo'], recordId, 'DECLARE', { declaration: birthDeclaration() })).statusCode).toBe(
    200,
  );
  expect((await api.get(as['k.mweene'], recordId)).statusCode).toBe(200);
  expect((await api.act(as['k.mweene'], recordId, 'REGISTER')).statusCode).toBe(200);
});
afterAll(() => runtime?.close());

const audit = (who: string, query: Record<string, string>) =>
  runtime.app.inject({ method: 'GET', url: `/api/audit?${new URLSearchParams(query)}`, headers: bearer(as[who]) });

describe("a user's own trail", () => {
  it('shows what they did, with the records it was about', async () => {
    const res = await audit('f.katongo', { userId: ids['f.katongo'] });
    expect(res.statusCode, res.body).toBe(200);
    const declared = res.json().results.find((e: { action: string }) => e.action === 'record.DECLARE');
    expect(declared).toMatchObject({
      actorUsername: 'f.katongo',
      actorName: 'Felix Katongo',
      actorRole: 'REGISTRATION_AGENT',
      subjectType: 'event',
      subjectId: recordId,
      record: { id: recordId, trackingId: expect.stringMatching(/^B/) },
    });
    expect(res.json().results.map((e: { action: string }) => e.action)).toContain('login.succeeded');
  });

  it("is not someone else's to read without user.read", async () => {
    expect((await audit('f.katongo', { userId: ids['k.mweene'] })).statusCode).toBe(403);
    expect((await audit('f.katongo', {})).statusCode).toBe(403);
  });
});

describe('administrators and performance managers', () => {
  it('read the trail of staff in their jurisdiction only', async () => {
    const agent = await audit('e.mayuka', { userId: ids['f.katongo'], action: 'record.*' });
    expect(agent.statusCode, agent.body).toBe(200);
    expect(agent.json().results.map((e: { action: string }) => e.action)).toEqual(['record.DECLARE', 'record.CREATE']);
    expect((await audit('e.mayuka', { userId: ids['c.lungu'] })).statusCode).toBe(403);
    expect((await audit('m.musonda', { userId: ids['c.lungu'] })).statusCode).toBe(200);
    expect((await audit('k.mweene', { userId: ids['f.katongo'] })).statusCode).toBe(403);

    // Without a user or record: everything in the jurisdiction.
    const area = (await audit('e.mayuka', { limit: '500' })).json().results as Array<{ actorUsername: string | null }>;
    const actors = new Set(area.map((e) => e.actorUsername));
    expect(actors.has('f.katongo')).toBe(true);
    expect(actors.has('c.lungu')).toBe(false);
    expect(actors.has('j.campbell')).toBe(false);
    const national = (await audit('j.campbell', { limit: '500' })).json().results as Array<{ actorUsername: string }>;
    expect(new Set(national.map((e) => e.actorUsername)).has('c.lungu')).toBe(true);
  });

  it('page and filter by dates, and refuse bad filters naming them', async () => {
    const first = (await audit('j.campbell', { userId: ids['k.mweene'], limit: '1' })).json();
    const second = (await audit('j.campbell', { userId: ids['k.mweene'], limit: '1', offset: '1' })).json();
    expect(first.total).toBeGreaterThan(1);
    expect(first.results[0].id).toBeGreaterThan(second.results[0].id);
    const future = (await audit('j.campbell', { userId: ids['k.mweene'], from: '2999-01-01' })).json();
    expect(future).toEqual({ results: [], total: 0 });
    const today = new Date().toISOString().slice(0, 10);
    const todays = (await audit('j.campbell', { userId: ids['k.mweene'], from: today, to: today })).json();
    expect(todays.total).toBe(first.total);
    const bad = await audit('j.campbell', { from: 'yesterday', userId: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['querystring.from', 'querystring.userId']);
  });
});

describe("a record's trail", () => {
  it('shows who viewed, registered and printed it, to those who may read the record', async () => {
    const res = await audit('k.mweene', { eventId: recordId });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res
      .json()
      .results.map((e: { action: string; actorUsername: string }) => `${e.actorUsername} ${e.action}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'f.katongo record.CREATE',
        'f.katongo record.DECLARE',
        'k.mweene record.READ',
        'k.mweene record.REGISTER',
      ]),
    );
    // A hospital clerk of another office may not read this record, nor its trail.
    expect((await audit('k.bwalya', { eventId: recordId })).statusCode).toBe(403);
    expect((await audit('m.musonda', { eventId: recordId })).statusCode).toBe(200);
    expect((await audit('j.campbell', { eventId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});

describe('CSV export', () => {
  it('gives the same entries as the JSON, one row each, parsed by an independent CSV reader', async () => {
    const json = (await audit('j.campbell', { userId: ids['f.katongo'], limit: '500' })).json();
    const res = await runtime.app.inject({
      method: 'GET',
      url: `/api/audit/export?userId=${ids['f.katongo']}`,
      headers: bearer(as['j.campbell']),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('audit.csv');
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    // The JSON read above is itself audited on the reader's stream, not the agent's: same entries.
    expect(rows.map((r) => r.action)).toEqual(json.results.map((e: { action: string }) => e.action));
    const declared = rows.find((r) => r.action === 'record.DECLARE')!;
    expect(declared).toMatchObject({ actor: 'f.katongo', actor_role: 'REGISTRATION_AGENT', subject_id: recordId });
    expect(JSON.parse(declared.details)).toHaveProperty('transactionId');
  });
});

describe('reading the audit trail', () => {
  it('is itself audited, and every chain still verifies', async () => {
    const own = (await audit('j.campbell', { userId: ids['j.campbell'], action: 'audit.*' })).json();
    expect(own.results.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['audit.READ', 'audit.EXPORT']),
    );
    expect((await verifyLogs(runtime.ctx.db)).problems).toEqual([]);
  });
});
