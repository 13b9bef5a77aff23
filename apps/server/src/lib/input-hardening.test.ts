import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../test/harness.ts';
import { recordsClient } from '../test/records.ts';

/**
 * Inputs that used to reach the database or a recursive parser unchecked and came back as 500s, several without a
 * login. Each must now be a 400 problem+json naming the field, and change nothing.
 */
let runtime: TestRuntime;
let agent: Tokens;
let recordId: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  agent = await login(runtime, 'f.katongo');
  recordId = (await recordsClient(runtime).create(agent, 'birth')).json().id;
});
afterAll(() => runtime?.close());

const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: string, tokens?: Tokens) =>
  runtime.app.inject({
    method,
    url,
    headers: {
      ...(tokens ? bearer(tokens) : {}),
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { payload } : {}),
  });

/** A 400 problem+json whose `errors` name `field`. */
function expectRefused(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, field: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as { errors?: Array<{ field: string }> };
  expect(body.errors?.map((e) => e.field)).toContain(field);
}

const nested = (depth: number, leaf: string, open: string, close: string) =>
  open.repeat(depth) + leaf + close.repeat(depth);

async function counts() {
  const db = runtime.ctx.db;
  const n = async (table: 'events' | 'event_actions' | 'drafts' | 'saved_searches') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    events: await n('events'),
    actions: await n('event_actions'),
    drafts: await n('drafts'),
    saved: await n('saved_searches'),
  };
}

describe('lone UTF-16 surrogates', () => {
  it('in a login name, sent by anyone: 400 naming the field', async () => {
    expectRefused(await send('POST', '/api/auth/login', '{"username":"lone\\ud800","password":"x"}'), 'username');
    expectRefused(await send('POST', '/api/auth/login', '{"username":"a","password":"\\udc00b"}'), 'password');
  });

  it('in any stored text, e.g. a saved search name or a draft, are refused and nothing is stored', async () => {
    const before = await counts();
    expectRefused(
      await send('POST', '/api/saved-searches', '{"name":"x\\ud800","query":{"type":"quick","term":"a"}}', agent),
      'name',
    );
    expectRefused(
      await send('PUT', `/api/events/${recordId}/draft`, '{"declaration":{"child.reason":"\\udfff"}}', agent),
      'declaration.child.reason',
    );
    expectRefused(
      await send('POST', '/api/events/search', '{"query":{"type":"quick","term":"\\ud83d"}}', agent),
      'query.term',
    );
    expect(await counts()).toEqual(before);
  });

  it('in a property name', async () => {
    expectRefused(await send('POST', '/api/auth/login', '{"username":"a","password":"b","\\ud800":1}'), '(body)');
  });

  it('a well-formed pair (an emoji) is text like any other', async () => {
    const res = await send(
      'POST',
      '/api/events/search',
      '{"query":{"type":"quick","term":"\\ud83d\\ude00 Banda"}}',
      agent,
    );
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('deep nesting', () => {
  it('5,000 levels in a search query, a declaration or a login body: 400 naming where, no stack overflow', async () => {
    const query = nested(5000, '{"type":"quick","term":"x"}', '{"type":"and","clauses":[', ']}');
    const search = await send('POST', '/api/events/search', `{"query":${query}}`, agent);
    expectRefused(search, (search.json() as { errors: Array<{ field: string }> }).errors[0].field);
    expect((search.json() as { errors: Array<{ field: string; message: string }> }).errors[0]).toMatchObject({
      field: expect.stringMatching(/^query\.clauses\.0\.clauses\.0\./),
      message: 'nested deeper than 32 levels',
    });
    const before = await counts();
    const draft = await send(
      'PUT',
      `/api/events/${recordId}/draft`,
      `{"declaration":{"child.reason":${nested(5000, '1', '[', ']')}}}`,
      agent,
    );
    expect(draft.statusCode).toBe(400);
    expect((draft.json() as { errors: Array<{ field: string }> }).errors[0].field).toMatch(
      /^declaration\.child\.reason\.0/,
    );
    expect(await counts()).toEqual(before);
    expect((await send('POST', '/api/auth/login', nested(5000, '1', '{"a":', '}'))).statusCode).toBe(400);
  });

  it('accepts the nesting real requests use (a search query a few levels deep)', async () => {
    const query = nested(10, '{"type":"quick","term":"x"}', '{"type":"and","clauses":[', ']}');
    expect((await send('POST', '/api/events/search', `{"query":${query}}`, agent)).statusCode).toBe(200);
  });
});

describe('impossible dates and ids in search', () => {
  const search = (clause: unknown) =>
    send('POST', '/api/events/search', JSON.stringify({ query: { type: 'and', clauses: [clause] } }), agent);

  it('30 February in a range over a record date: 400 naming the field', async () => {
    const res = await search({ dateOfEvent: { type: 'range', gte: '2026-02-30' } });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: Array<{ field: string }> }).errors[0].field).toMatch(/dateOfEvent/);
    for (const bad of ['2026-13-01', '2026-02-29', '2025-01-01T24:00', '2025-01-01T10:00+25:00', '0000-01-01']) {
      expect((await search({ createdAt: { type: 'range', lte: bad } })).statusCode, bad).toBe(400);
    }
  });

  it('real dates and date-times still work, including 29 February of a leap year', async () => {
    for (const good of ['2024-02-29', '2025-06-01T10:30:00Z', '2025-06-01T10:30+02:00']) {
      expect((await search({ createdAt: { type: 'range', gte: good } })).statusCode, good).toBe(200);
    }
  });

  it('a record id that is not a UUID: 400, not a database error', async () => {
    const res = await search({ id: { type: 'exact', term: 'garbage' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'about:blank' });
  });
});

describe('NUL bytes and bad encodings in paths and query strings, without a login', () => {
  it.each([
    ['/api/verify/%00', 'params.certificateId'],
    ['/verify/%00', 'params.certificateId'],
    ['/api/locations/%00', 'params.id'],
    ['/api/locations?parentId=%00', 'querystring.parentId'],
    ['/api/locations?q=a%00b', 'querystring.q'],
  ])('%s: 400 naming %s', async (url, field) => {
    expectRefused(await send('GET', url), field);
  });

  it('malformed percent-encoding is a problem+json 400 too', async () => {
    const res = await send('GET', '/api/locations/%ED%A0%80');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
