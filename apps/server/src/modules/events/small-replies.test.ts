import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/**
 * An action answers the record's state and version, not its history (issue 15: reading and sending the whole
 * history on every write cost more than the write); `?include=actions` adds it, GET always has it.
 */
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['f.katongo', 'k.mweene']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

const declareUrl = (id: string, query = '') => `/api/events/${id}/actions/DECLARE${query}`;

describe('action replies', () => {
  it('carry state and version only; the history with ?include=actions or GET; a replay answers the same', async () => {
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const body = { transactionId: randomUUID(), declaration: birthDeclaration() };
    const res = await runtime.app.inject({
      method: 'POST',
      url: declareUrl(record.id),
      headers: bearer(as['f.katongo']),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    const small = res.json();
    expect(small).not.toHaveProperty('actions');
    expect(small).toMatchObject({ id: record.id, status: 'DECLARED', version: 1 });
    expect(small.declaration['child.name']).toEqual(body.declaration['child.name']);
    // The same request again (a retry) writes nothing and answers the same state.
    const replay = await runtime.app.inject({
      method: 'POST',
      url: declareUrl(record.id),
      headers: bearer(as['f.katongo']),
      payload: body,
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(small);
    const full = await runtime.app.inject({
      method: 'POST',
      url: `/api/events/${record.id}/actions/VALIDATE?include=actions`,
      headers: bearer(as['f.katongo']),
      payload: { transactionId: randomUUID() },
    });
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json().actions.map((a: { type: string }) => a.type)).toEqual(['CREATE', 'DECLARE', 'VALIDATE']);
    expect(full.json().version).toBe(2);
    const got = (await api.get(as['f.katongo'], record.id)).json();
    expect(got.actions).toHaveLength(3);
    expect(Buffer.byteLength(res.body)).toBeLessThan(Buffer.byteLength(full.body));
  });

  it('refuses an unknown include, naming it, and changes nothing', async () => {
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const res = await runtime.app.inject({
      method: 'POST',
      url: declareUrl(record.id, '?include=everything'),
      headers: bearer(as['f.katongo']),
      payload: { transactionId: randomUUID(), declaration: birthDeclaration() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('include');
    expect((await api.get(as['f.katongo'], record.id)).json().status).toBe('CREATED');
  });
});
