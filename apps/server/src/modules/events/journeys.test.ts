import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, deathDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { verifyLogs } from '../audit/verify.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const users: Record<string, Tokens> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.bwalya', 'f.katongo', 'k.mweene']) users[u] = await login(runtime, u);
  for (const row of await runtime.ctx.db.selectFrom('users').select(['id', 'username']).execute())
    ids[row.username] = row.id;
});
afterAll(() => runtime?.close());

describe('a birth from declaration to registration', () => {
  it('is declared by the hospital clerk, validated by the agent and registered by the registrar', async () => {
    const created = await api.create(users['k.bwalya'], 'birth');
    expect(created.statusCode).toBe(201);
    const record = created.json();
    expect(record).toMatchObject({ type: 'birth', status: 'CREATED', version: 0 });
    expect(record.trackingId).toMatch(/^B[2-9A-Z]{7}$/);

    const declaration = birthDeclaration({
      'child.name': { firstname: 'Chanda', middlename: 'Grace', surname: 'Mulenga' },
    });
    const declared = await api.act(users['k.bwalya'], record.id, 'DECLARE', { declaration });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toMatchObject({ status: 'DECLARED', flags: [], version: 1, title: 'Chanda Grace Mulenga' });

    const validated = await api.act(users['f.katongo'], record.id, 'VALIDATE');
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json()).toMatchObject({ status: 'DECLARED', flags: ['validated'] });

    const registered = await api.actFull(users['k.mweene'], record.id, 'REGISTER');
    expect(registered.statusCode, registered.body).toBe(200);
    const final = registered.json();
    expect(final.status).toBe('REGISTERED');
    expect(final.registrationNumber).toMatch(/^B\d{4}\d{7}$/);
    expect(final.actions.map((a: { type: string }) => a.type)).toEqual(['CREATE', 'DECLARE', 'VALIDATE', 'REGISTER']);
    expect(final.actions.map((a: { createdBy: string }) => a.createdBy)).toEqual([
      ids['k.bwalya'],
      ids['k.bwalya'],
      ids['f.katongo'],
      ids['k.mweene'],
    ]);
    expect(final.actions[3]).toMatchObject({
      createdByRole: 'LOCAL_REGISTRAR',
      registrationNumber: final.registrationNumber,
    });
    expect(final.declaration['child.name']).toEqual({ firstname: 'Chanda', middlename: 'Grace', surname: 'Mulenga' });

    const fetched = await api.get(users['f.katongo'], record.id);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(final);
  });

  it('can be declared, validated and registered in one request by a registrar', async () => {
    const record = (await api.create(users['k.mweene'], 'birth')).json();
    const res = await api.actFull(users['k.mweene'], record.id, 'REGISTER', { declaration: birthDeclaration() });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.status).toBe('REGISTERED');
    expect(doc.actions.map((a: { type: string }) => a.type)).toEqual(['CREATE', 'DECLARE', 'VALIDATE', 'REGISTER']);
    expect(new Set(doc.actions.slice(1).map((a: { transactionId: string }) => a.transactionId)).size).toBe(1);
  });

  it('goes back for updates when rejected, and is resubmitted', async () => {
    const record = (await api.create(users['f.katongo'], 'birth')).json();
    await api.act(users['f.katongo'], record.id, 'DECLARE', { declaration: birthDeclaration() });
    const rejected = await api.actFull(users['k.mweene'], record.id, 'REJECT', {
      content: { reason: 'Mother ID unreadable' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'DECLARED', flags: ['rejected'] });
    expect(rejected.json().actions.at(-1).content).toEqual({ reason: 'Mother ID unreadable' });

    const fixed = await api.act(users['f.katongo'], record.id, 'VALIDATE', {
      declaration: { 'mother.nid': '1234567899' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ flags: ['validated'] });
    expect(fixed.json().declaration['mother.nid']).toBe('1234567899');
  });
});

describe('a death from declaration to registration', () => {
  it('is declared by the agent and registered by the registrar', async () => {
    const record = (await api.create(users['f.katongo'], 'death')).json();
    expect(record.trackingId).toMatch(/^D/);
    const declared = await api.act(users['f.katongo'], record.id, 'DECLARE', { declaration: deathDeclaration() });
    expect(declared.statusCode, declared.body).toBe(200);
    const registered = await api.actFull(users['k.mweene'], record.id, 'REGISTER');
    expect(registered.statusCode, registered.body).toBe(200);
    const doc = registered.json();
    expect(doc).toMatchObject({ status: 'REGISTERED', title: 'Joseph Phiri' });
    expect(doc.registrationNumber).toMatch(/^D\d{11}$/);
    // The registrar's REGISTER on an unvalidated declaration validates it in the same transaction.
    expect(doc.actions.map((a: { type: string }) => a.type)).toEqual(['CREATE', 'DECLARE', 'VALIDATE', 'REGISTER']);
  });
});

describe('notifications, drafts, deletion and archiving', () => {
  it('accepts an incomplete notification, which a registrar later completes and registers', async () => {
    const record = (await api.create(users['k.bwalya'], 'birth')).json();
    const partial = { 'child.name': { firstname: 'Baby', surname: 'Tembo' }, 'child.gender': 'male' };
    const notified = await api.act(users['k.bwalya'], record.id, 'NOTIFY', { declaration: partial });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json().status).toBe('NOTIFIED');
    const full = birthDeclaration({ 'child.name': { firstname: 'Baby', surname: 'Tembo' }, 'child.gender': 'male' });
    const registered = await api.act(users['k.mweene'], record.id, 'REGISTER', { declaration: full });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().status).toBe('REGISTERED');
  });

  it('keeps one draft per user per record, dropped when the user submits', async () => {
    const record = (await api.create(users['f.katongo'], 'birth')).json();
    const url = `/api/events/${record.id}/draft`;
    const saved = await api.call(users['f.katongo'], 'PUT', url, { declaration: { 'child.gender': 'male' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await api.call(users['f.katongo'], 'GET', url)).json().declaration).toEqual({ 'child.gender': 'male' });
    expect((await api.call(users['k.mweene'], 'GET', url)).statusCode).toBe(403); // a record never submitted is its creator's alone;
    await api.act(users['f.katongo'], record.id, 'DECLARE', { declaration: birthDeclaration() });
    expect((await api.call(users['f.katongo'], 'GET', url)).statusCode).toBe(404);
  });

  it('deletes a never-submitted record, and only that', async () => {
    const record = (await api.create(users['k.bwalya'], 'birth')).json();
    expect((await api.call(users['f.katongo'], 'DELETE', `/api/events/${record.id}`)).statusCode).toBe(403);
    expect((await api.call(users['k.bwalya'], 'DELETE', `/api/events/${record.id}`)).statusCode).toBe(204);
    expect((await api.get(users['k.bwalya'], record.id)).statusCode).toBe(404);

    const submitted = (await api.create(users['k.bwalya'], 'birth')).json();
    await api.act(users['k.bwalya'], submitted.id, 'NOTIFY', { declaration: { 'child.gender': 'female' } });
    expect((await api.call(users['k.bwalya'], 'DELETE', `/api/events/${submitted.id}`)).statusCode).toBe(409);
  });

  it('archives a declaration, after which nothing but reading is allowed', async () => {
    const record = (await api.create(users['f.katongo'], 'birth')).json();
    await api.act(users['f.katongo'], record.id, 'DECLARE', { declaration: birthDeclaration() });
    const archived = await api.act(users['k.mweene'], record.id, 'ARCHIVE');
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().status).toBe('ARCHIVED');
    expect((await api.act(users['k.mweene'], record.id, 'REGISTER')).statusCode).toBe(409);
  });

  it('leaves every chain of the register intact', async () => {
    const report = await verifyLogs(runtime.ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.actions).toBeGreaterThan(20);
  });
});
