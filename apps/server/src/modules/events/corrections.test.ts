import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation, recordsClient } from '../../test/records.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['f.katongo', 'k.mweene', 'c.lungu']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

async function registeredBirth() {
  const record = (await api.create(as['k.mweene'], 'birth')).json();
  const res = await api.act(as['k.mweene'], record.id, 'REGISTER', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('correcting a registered record', () => {
  it('lets a registrar correct in one step: request and approval in one transaction', async () => {
    const record = await registeredBirth();
    const res = await api.actFull(as['k.mweene'], record.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.name': { firstname: 'Chanda', surname: 'Mulenga' } },
      content: { reason: 'CLERICAL_ERROR: middle name was not given' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.actions.slice(-2).map((a: { type: string }) => a.type)).toEqual([
      'REQUEST_CORRECTION',
      'APPROVE_CORRECTION',
    ]);
    expect(doc.declaration['child.name']).toEqual({ firstname: 'Chanda', surname: 'Mulenga' });
    expect(doc.title).toBe('Chanda Mulenga');
    expect(doc.registrationNumber).toBe(record.registrationNumber);
    expect(doc.flags).toEqual([]);
  });

  it('keeps a requested correction pending until approved, then applies exactly the requested changes', async () => {
    const record = await registeredBirth();
    // The agent may request but not approve.
    const tooFar = await api.act(as['f.katongo'], record.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      reason: 'Material error',
    });
    expect(tooFar.statusCode, tooFar.body).toBe(403);
    const byRegistrar = await api.act(as['f.katongo'], record.id, 'REQUEST_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      reason: 'Material error',
    });
    expect(byRegistrar.statusCode, byRegistrar.body).toBe(200);
    expect(byRegistrar.json()).toMatchObject({ flags: ['correction-requested'] });
    expect(byRegistrar.json().declaration['child.gender']).toBe('female');
    expect((await api.act(as['k.mweene'], record.id, 'PRINT_CERTIFICATE')).statusCode).toBe(409);

    const approved = await api.act(as['c.lungu'], record.id, 'APPROVE_CORRECTION');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().declaration['child.gender']).toBe('male');
    expect(approved.json().flags).toEqual([]);
  });

  it('refuses a correction that breaks the form, or without a reason, changing nothing', async () => {
    const record = await registeredBirth();
    const bad = await api.act(as['k.mweene'], record.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'mother.nid': '12' },
      reason: 'typo',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('mother.nid');
    const noReason = await api.act(as['k.mweene'], record.id, 'REQUEST_CORRECTION', {
      declaration: { 'child.gender': 'male' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'annotation', message: expect.stringContaining('required') }]);
    expect((await api.get(as['k.mweene'], record.id)).json().version).toBe(record.version);
  });

  it('requires who asks and why on every correction request and one-step correction (400 naming annotation)', async () => {
    const record = await registeredBirth();
    const change = { 'child.gender': 'male' };
    for (const type of ['REQUEST_CORRECTION', 'APPROVE_CORRECTION']) {
      // A reason in words is not the record the law asks for.
      const bare = await api.act(as['k.mweene'], record.id, type, { declaration: change, reason: 'typo' });
      expect(bare.statusCode, type).toBe(400);
      expect(bare.json().errors.map((e: { field: string }) => e.field)).toEqual(['annotation']);
      const empty = await api.act(as['k.mweene'], record.id, type, { declaration: change, annotation: {} });
      expect(empty.statusCode, type).toBe(400);
      expect(empty.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'annotation.requester',
        'annotation.reason',
      ]);
      const noId = correctionAnnotation('CLERICAL_ERROR', {
        requester: { type: 'OTHER', name: 'Grace Mulenga', identityVerified: true },
      });
      const partial = await api.act(as['k.mweene'], record.id, type, { declaration: change, annotation: noId });
      expect(partial.statusCode, type).toBe(400);
      expect(partial.json().errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['annotation.requester.idNumber', 'annotation.requester.relationship']),
      );
    }
    const after = (await api.get(as['k.mweene'], record.id)).json();
    expect(after.version).toBe(record.version);
    expect(after.declaration['child.gender']).toBe('female');

    // Kept with the request; approving the pending request needs (and takes) no annotation of its own.
    const requested = await api.actFull(as['k.mweene'], record.id, 'REQUEST_CORRECTION', {
      declaration: change,
      annotation: correctionAnnotation(),
    });
    expect(requested.statusCode, requested.body).toBe(200);
    expect(requested.json().actions.at(-1).annotation).toMatchObject({ requester: { name: 'Grace Mulenga' } });
    const approved = await api.act(as['k.mweene'], record.id, 'APPROVE_CORRECTION');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().declaration['child.gender']).toBe('male');
  });

  it('lets a registrar reject a pending correction with a reason', async () => {
    const record = await registeredBirth();
    await api.act(as['k.mweene'], record.id, 'REQUEST_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      reason: 'x',
    });
    const rejected = await api.act(as['k.mweene'], record.id, 'REJECT_CORRECTION', { reason: 'No evidence' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().flags).toEqual([]);
    expect(rejected.json().declaration['child.gender']).toBe('female');
  });
});

describe('revoking a registration', () => {
  it('is for the registrar general only, needs a reason, and can be reversed', async () => {
    const record = await registeredBirth();
    expect((await api.act(as['k.mweene'], record.id, 'REVOKE', { reason: 'Fraud' })).statusCode).toBe(403);
    expect((await api.act(as['c.lungu'], record.id, 'REVOKE')).statusCode).toBe(400);
    const revoked = await api.act(as['c.lungu'], record.id, 'REVOKE', { reason: 'Registered twice by fraud' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'REGISTERED', flags: ['revoked'] });
    expect(
      (
        await api.act(as['k.mweene'], record.id, 'APPROVE_CORRECTION', {
          declaration: {},
          reason: 'x',
          annotation: correctionAnnotation(),
        })
      ).statusCode,
    ).toBe(409);
    const reinstated = await api.act(as['c.lungu'], record.id, 'REINSTATE', { reason: 'Court order 12/2026' });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(reinstated.json().flags).toEqual([]);
  });
});

describe('unarchiving a declaration', () => {
  it('brings it back for review with a reason: declared when complete, notified when not', async () => {
    const complete = (await api.create(as['f.katongo'], 'birth')).json();
    await api.act(as['f.katongo'], complete.id, 'DECLARE', { declaration: birthDeclaration() });
    expect((await api.act(as['f.katongo'], complete.id, 'ARCHIVE')).json().status).toBe('ARCHIVED');
    expect((await api.act(as['f.katongo'], complete.id, 'UNARCHIVE')).statusCode).toBe(400);
    const back = await api.actFull(as['f.katongo'], complete.id, 'UNARCHIVE', { reason: 'Archived by mistake' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'DECLARED', flags: [] });
    expect(back.json().actions.at(-1).content).toEqual({ reason: 'Archived by mistake', status: 'DECLARED' });
    expect((await api.act(as['k.mweene'], complete.id, 'REGISTER')).statusCode).toBe(200);
    expect((await api.act(as['k.mweene'], complete.id, 'UNARCHIVE', { reason: 'x' })).statusCode).toBe(409);

    const partial = (await api.create(as['f.katongo'], 'birth')).json();
    await api.act(as['f.katongo'], partial.id, 'NOTIFY', { declaration: { 'child.gender': 'female' } });
    await api.act(as['k.mweene'], partial.id, 'ARCHIVE');
    const notified = await api.act(as['k.mweene'], partial.id, 'UNARCHIVE', { reason: 'The family came back' });
    expect(notified.json().status).toBe('NOTIFIED');
  });
});
