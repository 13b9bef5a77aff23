import { randomUUID } from 'node:crypto';
import { addYears } from '@lifeline/domain';
import { FIXTURE_FILES } from '@lifeline/farajaland/fixtures';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { motherCollects } from '../certificates/testing.ts';

/** A stored PDF of the fixtures (the harness seeds them), to declare as something it is not. */
const FIXTURE_PDF_PATH = `/api/files/${FIXTURE_FILES.find((f) => f.type === 'application/pdf')!.sha256}`;

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let agent: Tokens;
let recordId: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  agent = await login(runtime, 'f.katongo');
  recordId = (await api.create(agent, 'birth')).json().id;
});
afterAll(() => runtime?.close());

/** Snapshot of everything a bad request could have changed. */
async function snapshot() {
  const db = runtime.ctx.db;
  const count = (table: 'event_actions' | 'events' | 'event_index') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
  return {
    actions: await count('event_actions'),
    events: await count('events'),
    record: (await api.get(agent, recordId)).json().version,
  };
}

const dob = daysAgo(10);
const cases: Array<[string, Record<string, unknown>, string]> = [
  ['a missing required field', { 'child.name': null }, 'child.name'],
  ['a date in the future', { 'child.dob': daysAgo(-3) }, 'child.dob'],
  ['a mother younger than the rule allows', { 'mother.dob': addYears(dob, -10) }, 'mother.dob'],
  ['a wrong national ID pattern', { 'mother.nid': '12345' }, 'mother.nid'],
  ['an unknown field', { 'child.favouriteColour': 'blue' }, 'child.favouriteColour'],
  [
    'a value for a hidden field',
    {
      'child.birthLocation.privateHome': { country: 'FAR', addressType: 'DOMESTIC', administrativeArea: 'IkYcYBUcyY2' },
    },
    'child.birthLocation.privateHome',
  ],
  ['an impossible date', { 'child.dob': '2023-02-30' }, 'child.dob'],
  ['an option not in the list', { 'child.gender': 'robot' }, 'child.gender'],
  ['a facility that does not exist', { 'child.birthLocation': 'nowhere' }, 'child.birthLocation'],
  ['the same ID for mother and father', { 'mother.nid': '1234567890', 'father.nid': '1234567890' }, 'father.nid'],
];

describe('a declaration that breaks a form rule', () => {
  for (const [what, change, field] of cases) {
    it(`is refused with 400 naming the field, changing nothing: ${what}`, async () => {
      const before = await snapshot();
      const declaration = { ...birthDeclaration(), ...change };
      const res = await api.act(agent, recordId, 'DECLARE', { declaration });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('names every bad field at once', async () => {
    const declaration = birthDeclaration({ 'child.name': null, 'mother.nid': '1', 'child.dob': daysAgo(-1) });
    const res = await api.act(agent, recordId, 'DECLARE', { declaration });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['child.name', 'mother.nid', 'child.dob']));
  });

  it('accepts an incomplete notification but still rejects malformed values in it', async () => {
    const other = (await api.create(agent, 'birth')).json().id;
    const bad = await api.act(agent, other, 'NOTIFY', { declaration: { 'child.dob': '10/02/2024' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('child.dob');
    const good = await api.act(agent, other, 'NOTIFY', { declaration: { 'child.dob': dob } });
    expect(good.statusCode, good.body).toBe(200);
  });

  it('requires a reason to reject', async () => {
    const other = (await api.create(agent, 'birth')).json().id;
    await api.act(agent, other, 'DECLARE', { declaration: birthDeclaration() });
    const res = await api.act(agent, other, 'REJECT');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'content.reason', message: 'required' }]);
  });
});

describe('malformed requests', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    runtime.app.inject({
      method: 'POST',
      url: `/api/events/${recordId}/actions/DECLARE`,
      headers: { ...bearer(agent), 'content-type': 'application/json', ...headers },
      payload,
    });

  it('answers malformed JSON with 400', async () => {
    const res = await post('{"transactionId": "x", "declaration": {');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/malformed JSON/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post(
      JSON.stringify({ transactionId: 'x', declaration: { 'review.comment': 'a'.repeat(2_000_000) } }),
    );
    expect(res.statusCode).toBe(413);
  });

  it('answers NUL characters, prototype pollution and wrong types with 400', async () => {
    expect((await post('{"transactionId":"x","declaration":{"child.reason":"a\\u0000b"}}')).statusCode).toBe(400);
    expect((await post('{"transactionId":"x","__proto__":{"admin":true}}')).statusCode).toBe(400);
    expect((await post('{"transactionId":42}')).statusCode).toBe(400);
    expect((await post('[1,2,3]')).statusCode).toBe(400);
    const unknownType = await runtime.app.inject({
      method: 'POST',
      url: `/api/events/${recordId}/actions/FLY`,
      headers: bearer(agent),
      payload: { transactionId: 'x' },
    });
    expect(unknownType.statusCode).toBe(400);
    const badId = await runtime.app.inject({ method: 'GET', url: '/api/events/not-a-uuid', headers: bearer(agent) });
    expect(badId.statusCode).toBe(400);
  });

  it('refuses an unknown event type, and keeps serving', async () => {
    const res = await api.create(agent, 'wedding');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('type');
    expect((await runtime.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
  });
});

describe('malformed values a registered record used to accept', () => {
  let registrar: Tokens;
  beforeAll(async () => {
    registrar = await login(runtime, 'k.mweene');
  });

  const birthDocument = { originalFilename: 'scan.pdf', type: 'application/pdf' };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a weight of " "', { 'child.weightAtBirth': ' ' }, 'child.weightAtBirth'],
    ['a weight of []', { 'child.weightAtBirth': [] }, 'child.weightAtBirth'],
    ['a weight of {}', { 'child.weightAtBirth': {} }, 'child.weightAtBirth'],
    ['1e308 previous births', { 'mother.previousBirths': 1e308 }, 'mother.previousBirths'],
    ['more previous births than a whole number holds', { 'mother.previousBirths': 2 ** 60 }, 'mother.previousBirths'],
    ['a document " "', { 'documents.proofOfBirth': ' ' }, 'documents.proofOfBirth'],
    ['a document {}', { 'documents.proofOfBirth': {} }, 'documents.proofOfBirth'],
    [
      'a document no one uploaded',
      { 'documents.proofOfBirth': { ...birthDocument, path: `/api/files/${'0'.repeat(64)}` } },
      'documents.proofOfBirth',
    ],
    [
      'a document path that is not the files API',
      { 'documents.proofOfBirth': { ...birthDocument, path: '/etc/passwd' } },
      'documents.proofOfBirth',
    ],
    [
      'an uploaded file declared as another type',
      { 'review.signature': { path: FIXTURE_PDF_PATH, originalFilename: 'signature.png', type: 'image/png' } },
      'review.signature',
    ],
  ];

  for (const [what, change, field] of cases) {
    it(`REGISTER refuses ${what}, naming the field and changing nothing`, async () => {
      const id = (await api.create(registrar, 'birth')).json().id;
      const before = await snapshot();
      const res = await api.act(registrar, id, 'REGISTER', { declaration: birthDeclaration(change) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await snapshot()).toEqual(before);
      expect((await api.get(registrar, id)).json().status).toBe('CREATED');
    });
  }

  it('a partial notification is checked the same way (blank values must have their type)', async () => {
    const id = (await api.create(agent, 'birth')).json().id;
    const res = await api.act(agent, id, 'NOTIFY', { declaration: { 'child.weightAtBirth': ' ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('child.weightAtBirth');
  });

  it('registers with documents that were uploaded, blank text answers and an empty document list', async () => {
    const id = (await api.create(registrar, 'birth')).json().id;
    const res = await api.act(registrar, id, 'REGISTER', {
      declaration: birthDeclaration({ 'documents.proofOfMother': [], 'review.comment': '' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('REGISTERED');
  });

  it('refuses a blank reason to reject', async () => {
    const id = (await api.create(agent, 'birth')).json().id;
    await api.act(agent, id, 'DECLARE', { declaration: birthDeclaration() });
    for (const body of [{ reason: ' ' }, { content: { reason: '\t\n ' } }]) {
      const res = await api.act(registrar, id, 'REJECT', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toMatch(/reason$/);
    }
    expect((await api.get(registrar, id)).json().flags).not.toContain('rejected');
  });
});

describe('annotations', () => {
  it('an ASSIGN with ~1 MB of annotation is refused and the log does not grow', async () => {
    const reader = await login(runtime, 'k.mweene');
    const id = (await api.create(agent, 'birth')).json().id;
    await api.act(agent, id, 'DECLARE', { declaration: birthDeclaration() });
    const size = async () =>
      (
        await runtime.ctx.db
          .selectFrom('event_actions')
          .select((eb) => eb.fn.sum<number>(sql`length(coalesce(annotation::text, ''))`).as('bytes'))
          .where('event_id', '=', id)
          .executeTakeFirstOrThrow()
      ).bytes;
    const before = await size();
    const res = await api.act(reader, id, 'ASSIGN', { annotation: { note: 'x'.repeat(1_000_000) } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'annotation', message: 'ASSIGN takes no annotation' }]);
    expect(await size()).toBe(before);
    expect((await api.act(reader, id, 'ASSIGN', { annotation: { note: 'hi' } })).statusCode).toBe(400);
    expect((await api.act(reader, id, 'ASSIGN')).statusCode).toBe(200);
  });

  it('a print annotation is checked against its schema: an unknown key is refused', async () => {
    const registrar = await login(runtime, 'k.mweene');
    const record = (await api.create(registrar, 'birth')).json();
    const registered = (await api.act(registrar, record.id, 'REGISTER', { declaration: birthDeclaration() })).json();
    const res = await api.call(registrar, 'POST', `/api/events/${record.id}/actions/PRINT_CERTIFICATE`, {
      transactionId: randomUUID(),
      annotation: { ...motherCollects(registered, 5), scribble: 'x'.repeat(10_000) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
