import { ACTION_TYPES } from '@lifeline/domain';
import { fixtureFile } from '@lifeline/farajaland/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import {
  bearer,
  login,
  seedFixtureFiles,
  startTestRuntime,
  type TestRuntime,
  type Tokens,
} from '../../test/harness.ts';
import { correctionAnnotation, recordsClient } from '../../test/records.ts';

/** Rules of a record's life that went wrong when tried as a new user would (issue 13), one test each. */

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  await seedFixtureFiles(runtime);
  api = recordsClient(runtime);
  for (const u of ['f.katongo', 'k.mweene', 'c.lungu']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

async function registered(type: 'birth' | 'death' = 'birth', declaration = birthDeclaration()) {
  const record = (await api.create(as['k.mweene'], type)).json();
  const res = await api.act(as['k.mweene'], record.id, 'REGISTER', { declaration });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const sequenceOf = (registrationNumber: string) => Number(registrationNumber.slice(-7));

/** A correction request as the law asks it: the mother asks, shows her ID, gives the reason and pays the fee. */
function motherAsks(record: { declaration: Record<string, unknown> }, overrides: Record<string, unknown> = {}) {
  return {
    requester: {
      type: 'MOTHER',
      idType: 'NATIONAL_ID',
      idNumber: record.declaration['mother.nid'],
      identityVerified: true,
    },
    reason: { type: 'CLERICAL_ERROR' },
    payment: { amount: 5, currency: 'USD', method: 'CASH' },
    ...overrides,
  };
}

describe('REGISTER on a record flagged as a possible duplicate', () => {
  it('names the flag, not the first step it would expand into', async () => {
    const declaration = birthDeclaration({ 'child.name': { firstname: 'Natasha', surname: 'Mwansa' } });
    await registered('birth', declaration);
    const again = (await api.create(as['f.katongo'], 'birth')).json();
    const declared = await api.act(as['f.katongo'], again.id, 'DECLARE', {
      declaration: { ...declaration, 'child.dob': daysAgo(11) },
    });
    expect(declared.json().flags).toEqual(['potential-duplicate']);
    const res = await api.act(as['k.mweene'], again.id, 'REGISTER');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/^REGISTER is not allowed now: .*possible duplicate \(potential-duplicate\)/);
    expect(res.json().detail).not.toMatch(/VALIDATE is not allowed/);
  });
});

describe('"Ready to print"', () => {
  it('lists neither revoked records nor records with a correction pending', async () => {
    const plain = await registered();
    const revoked = await registered();
    const correcting = await registered();
    expect((await api.act(as['c.lungu'], revoked.id, 'REVOKE', { reason: 'Fraud' })).statusCode).toBe(200);
    const requested = await api.act(as['k.mweene'], correcting.id, 'REQUEST_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      reason: 'Material error',
    });
    expect(requested.statusCode, requested.body).toBe(200);
    const queue = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/ready-to-print?limit=100',
      headers: bearer(as['k.mweene']),
    });
    const ids = queue.json().results.map((r: { id: string }) => r.id);
    expect(ids).toContain(plain.id);
    expect(ids).not.toContain(revoked.id);
    expect(ids).not.toContain(correcting.id);
    const corrections = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/correction-requested?limit=100',
      headers: bearer(as['k.mweene']),
    });
    expect(corrections.statusCode, corrections.body).toBe(200);
    expect(corrections.json().results.map((r: { id: string }) => r.id)).toEqual([correcting.id]);
  });
});

describe('files a declaration points at', () => {
  const missing = { path: `/api/files/${'ab'.repeat(32)}`, originalFilename: 'proof.pdf', type: 'application/pdf' };

  it('must exist: a declaration, a draft and a correction naming a missing file are refused, naming the field', async () => {
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const declare = await api.act(as['f.katongo'], record.id, 'DECLARE', {
      declaration: birthDeclaration({ 'documents.proofOfBirth': missing }),
    });
    expect(declare.statusCode).toBe(400);
    expect(declare.json().errors.map((e: { field: string }) => e.field)).toContain('documents.proofOfBirth');
    const draft = await api.call(as['f.katongo'], 'PUT', `/api/events/${record.id}/draft`, {
      declaration: { 'documents.proofOfBirth': missing },
    });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().errors[0].field).toBe('documents.proofOfBirth');

    const done = await registered();
    const correction = await api.act(as['k.mweene'], done.id, 'REQUEST_CORRECTION', {
      declaration: { 'child.gender': 'male' },
      annotation: motherAsks(done, { documents: [missing] }),
    });
    expect(correction.statusCode).toBe(400);
    expect(correction.json().errors.map((e: { field: string }) => e.field)).toContain('annotation.documents.0.path');
    expect((await api.get(as['k.mweene'], done.id)).json().version).toBe(done.version);
  });
});

describe('registration numbers', () => {
  it('count per event type: a death registered between two births does not take a birth number', async () => {
    const first = await registered('birth');
    const death = await registered('death', deathDeclaration());
    const second = await registered('birth');
    expect(first.registrationNumber).toMatch(/^B\d{11}$/);
    expect(death.registrationNumber).toMatch(/^D\d{11}$/);
    expect(sequenceOf(second.registrationNumber)).toBe(sequenceOf(first.registrationNumber) + 1);
    const nextDeath = await registered('death', deathDeclaration());
    expect(sequenceOf(nextDeath.registrationNumber)).toBe(sequenceOf(death.registrationNumber) + 1);
  });
});

describe('a record never submitted', () => {
  it('is its creator’s alone: another user of the office can neither read, find nor act on it', async () => {
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const read = await api.get(as['f.katongo'], record.id);
    expect(read.statusCode).toBe(403);
    expect(read.json().detail).toMatch(/not been submitted/);
    expect((await api.act(as['f.katongo'], record.id, 'ASSIGN')).statusCode).toBe(403);
    expect((await api.call(as['f.katongo'], 'GET', `/api/events/${record.id}/draft`)).statusCode).toBe(403);
    const search = await api.call(as['f.katongo'], 'POST', '/api/events/search', {
      query: { type: 'and', clauses: [{ trackingId: { type: 'exact', term: record.trackingId } }] },
    });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().results).toEqual([]);
    expect((await api.get(as['k.mweene'], record.id)).statusCode).toBe(200);

    const declared = await api.act(as['k.mweene'], record.id, 'DECLARE', { declaration: birthDeclaration() });
    expect(declared.statusCode, declared.body).toBe(200);
    expect((await api.get(as['f.katongo'], record.id)).statusCode).toBe(200);
  });
});

describe('the API documentation', () => {
  it('lists every action type on the action route', async () => {
    const doc = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const route = doc.paths['/api/events/{id}/actions/{type}'].post;
    for (const type of ACTION_TYPES) expect(route.description).toContain(`- ${type}: `);
  });
});

describe('the annotation of correction actions', () => {
  it('is checked against its schema and the country config, and kept when it fits', async () => {
    const record = await registered();
    const change = { 'child.gender': 'male' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ anything: 'goes' }, 'annotation.requester'],
      [motherAsks(record, { reason: { type: 'BECAUSE' } }), 'annotation.reason.type'],
      [motherAsks(record, { reason: { type: 'OTHER' } }), 'annotation.reason.detail'],
      [motherAsks(record, { payment: undefined }), 'annotation.payment'],
      [
        motherAsks(record, {
          requester: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: '1', identityVerified: true },
        }),
        'annotation.requester.idNumber',
      ],
      [motherAsks(record, { requester: { type: 'OTHER', identityVerified: true } }), 'annotation.requester.name'],
    ];
    for (const [annotation, field] of cases) {
      const res = await api.act(as['k.mweene'], record.id, 'REQUEST_CORRECTION', { declaration: change, annotation });
      expect(res.statusCode, JSON.stringify(annotation)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const rejectWith = await api.act(as['k.mweene'], record.id, 'REJECT_CORRECTION', {
      reason: 'x',
      annotation: { note: 1 },
    });
    expect(rejectWith.statusCode).toBe(400);
    expect((await api.get(as['k.mweene'], record.id)).json().version).toBe(record.version);

    const evidence = fixtureFile('hospital-certificate.pdf');
    const annotation = motherAsks(record, { documents: [evidence] });
    const ok = await api.actFull(as['f.katongo'], record.id, 'REQUEST_CORRECTION', { declaration: change, annotation });
    expect(ok.statusCode, ok.body).toBe(200);
    const request = ok.json().actions.at(-1);
    expect(request.annotation).toEqual(annotation);
    expect(request.content).toMatchObject({
      reason: 'Clerical error by the registry',
      receiptNumber: expect.stringMatching(/^R\d{4}-\d{7}$/),
    });
    const withAnnotation = await api.act(as['k.mweene'], record.id, 'APPROVE_CORRECTION', { annotation });
    expect(withAnnotation.statusCode).toBe(400);
    expect((await api.act(as['k.mweene'], record.id, 'APPROVE_CORRECTION')).statusCode).toBe(200);
  });
});
