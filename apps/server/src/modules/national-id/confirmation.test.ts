import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { registrarOf } from '../certificates/repository.ts';
import { withFacts } from '../statistics/tables.ts';

/** The national ID system's webhook receiver: every delivery's body, verified later with the secret. */
interface Receiver {
  url: string;
  deliveries: Array<{ headers: Record<string, string>; body: string }>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const deliveries: Receiver['deliveries'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/nid`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let receiver: Receiver;
let webhookSecret: string;
let nid: string;
const as: Record<string, Tokens> = {};

async function clientToken(type: string): Promise<string> {
  const created = await runtime.app.inject({
    method: 'POST',
    url: '/api/integrations',
    headers: bearer(as['j.campbell']),
    payload: { name: `${type} ${randomUUID().slice(0, 8)}`, type },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { clientId, clientSecret } = created.json();
  const token = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    headers: { 'content-type': 'application/json' },
    payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
  });
  expect(token.statusCode, token.body).toBe(200);
  return token.json().access_token;
}

const confirm = (token: string | Tokens, id: string, body: object) =>
  runtime.app.inject({
    method: 'POST',
    url: `/api/events/${id}/actions/REGISTER/confirm`,
    headers: bearer(token),
    payload: body,
  });
const reject = (token: string | Tokens, id: string, body: object) =>
  runtime.app.inject({
    method: 'POST',
    url: `/api/events/${id}/actions/REGISTER/reject`,
    headers: bearer(token),
    payload: body,
  });

/** A birth the registrar registers in one request: with confirmation on, it waits for the national ID system. */
async function requestRegistration(): Promise<string> {
  const record = (await api.create(as['k.mweene'], 'birth')).json();
  const res = await api.act(as['k.mweene'], record.id, 'REGISTER', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return record.id;
}

const setConfirmation = (on: boolean) =>
  runtime.app.inject({
    method: 'PUT',
    url: '/api/config/settings',
    headers: bearer(as['j.campbell']),
    payload: { settings: { events: { birth: { nationalIdConfirmation: on } } }, reason: 'national ID confirms births' },
  });

beforeAll(async () => {
  runtime = await startTestRuntime({ OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '100' });
  api = recordsClient(runtime);
  for (const u of ['j.campbell', 'k.mweene']) as[u] = await login(runtime, u);
  nid = await clientToken('NATIONAL_ID');
  receiver = await startReceiver();
  const sub = await runtime.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(nid),
    payload: { url: receiver.url, events: ['birth.registration-requested', 'birth.registered'] },
  });
  expect(sub.statusCode, sub.body).toBe(201);
  webhookSecret = sub.json().secret;
}, 180_000);
afterAll(async () => {
  await receiver?.close();
  await runtime?.close();
});

describe('registration confirmed by the national ID system', () => {
  it('is off by default: REGISTER registers at once', async () => {
    const id = await requestRegistration();
    const doc = (await api.get(as['k.mweene'], id)).json();
    expect(doc.status).toBe('REGISTERED');
    expect(doc.registrationNumber).toMatch(/^B/);
  });

  it('turned on in the settings layer: REGISTER waits, the client is told, its confirmation registers', async () => {
    const set = await setConfirmation(true);
    expect(set.statusCode, set.body).toBe(200);
    const id = await requestRegistration();
    const waiting = (await api.get(as['k.mweene'], id)).json();
    expect(waiting.status).toBe('DECLARED');
    expect(waiting.flags).toContain('registration-requested');
    expect(waiting.registrationNumber).toBeNull();
    const request = waiting.actions.at(-1);
    expect([request.type, request.status, request.registrationNumber]).toEqual(['REGISTER', 'Requested', null]);

    // In the registrar's "Waiting for national ID" queue, not in "Ready for review".
    const queue = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/waiting-for-national-id',
      headers: bearer(as['k.mweene']),
    });
    expect(queue.json().results.map((r: { id: string }) => r.id)).toContain(id);
    const review = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/ready-for-review?limit=200',
      headers: bearer(as['k.mweene']),
    });
    expect(review.json().results.map((r: { id: string }) => r.id)).not.toContain(id);

    // Staff cannot move it on meanwhile.
    const again = await api.act(as['k.mweene'], id, 'REGISTER');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('registration-requested');

    // The national ID system is told, signed (Standard Webhooks), with the declaration it may read.
    const told = () =>
      receiver.deliveries
        .map(
          (d) =>
            new Webhook(webhookSecret).verify(d.body, d.headers) as { type: string; data: Record<string, unknown> },
        )
        .filter((e) => e.data.recordId === id);
    await expect.poll(() => told().length, { timeout: 5000 }).toBe(1);
    expect(told()[0].type).toBe('birth.registration-requested');
    expect(told()[0].data).toMatchObject({ actionStatus: 'Requested', registrationNumber: null });
    expect(told()[0].data.declaration).toMatchObject({ 'child.name': expect.anything() });

    const confirmed = await confirm(nid, id, { nationalId: '5544332211' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const doc = confirmed.json();
    expect(doc.status).toBe('REGISTERED');
    expect(doc.flags).not.toContain('registration-requested');
    expect(doc.registrationNumber).toMatch(/^B/);
    const answer = doc.actions.at(-1);
    expect(answer).toMatchObject({
      type: 'REGISTER',
      status: 'Accepted',
      content: { requestId: request.id, nationalId: '5544332211' },
      registrationNumber: doc.registrationNumber,
      createdByRole: 'client:NATIONAL_ID',
      // Registered at the office that asked for it.
      createdAtLocation: request.createdAtLocation,
    });
    await expect
      .poll(() => told().map((e) => e.type), { timeout: 5000 })
      .toEqual(['birth.registration-requested', 'birth.registered']);

    // The registrar who asked stays the registrar of record: on certificates and in the statistics.
    expect((await registrarOf(runtime.ctx.db, id))?.created_by).toBe(request.createdBy);
    const facts = await withFacts(runtime.ctx.db)
      .selectFrom('registration_facts')
      .select(['registrar_id', 'office_id'])
      .where('event_id', '=', id)
      .executeTakeFirst();
    expect(facts).toEqual({ registrar_id: request.createdBy, office_id: request.createdAtLocation });

    // The same confirmation again writes nothing; another national ID is a conflict; so is a rejection now.
    const repeated = await confirm(nid, id, { nationalId: '5544332211' });
    expect(repeated.statusCode, repeated.body).toBe(200);
    expect(repeated.json().version).toBe(doc.version);
    expect(repeated.json().actions).toHaveLength(doc.actions.length);
    expect((await confirm(nid, id, { nationalId: '1111111111' })).statusCode).toBe(409);
    expect((await reject(nid, id, { reason: 'late' })).statusCode).toBe(409);

    // Audited as the client, in the record's stream.
    const rows = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'actor_role'])
      .where('subject_id', '=', id)
      .where('action', '=', 'record.REGISTER.confirm')
      .execute();
    expect(rows).toEqual([
      { action: 'record.REGISTER.confirm', actor_id: answer.createdBy, actor_role: 'client:NATIONAL_ID' },
    ]);
  });

  it('a retry with the same transactionId writes one confirmation', async () => {
    const id = await requestRegistration();
    const transactionId = randomUUID();
    const [a, b] = await Promise.all([
      confirm(nid, id, { nationalId: '6655443322', transactionId }),
      confirm(nid, id, { nationalId: '6655443322', transactionId }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const doc = (await api.get(as['k.mweene'], id)).json();
    expect(
      doc.actions.filter((x: { type: string; status: string }) => x.type === 'REGISTER' && x.status === 'Accepted'),
    ).toHaveLength(1);
    expect(a.json().registrationNumber).toBe(doc.registrationNumber);
    expect(b.json().registrationNumber).toBe(doc.registrationNumber);
  });

  it('a rejection sends the declaration back for updates, with the reason; declared again, it waits again', async () => {
    const id = await requestRegistration();
    const rejected = await reject(nid, id, { reason: 'the mother has no national ID record' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const doc = rejected.json();
    expect(doc.status).toBe('DECLARED');
    expect(doc.flags).toContain('rejected');
    expect(doc.flags).not.toContain('registration-requested');
    expect(doc.registrationNumber).toBeNull();
    expect(doc.actions.at(-1)).toMatchObject({
      type: 'REGISTER',
      status: 'Rejected',
      content: { reason: 'the mother has no national ID record' },
    });
    const repeated = await reject(nid, id, { reason: 'the mother has no national ID record' });
    expect(repeated.json().version).toBe(doc.version);
    expect((await confirm(nid, id, { nationalId: '5544332299' })).statusCode).toBe(409);

    const queue = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/requires-updates?limit=200',
      headers: bearer(as['k.mweene']),
    });
    expect(queue.json().results.map((r: { id: string }) => r.id)).toContain(id);

    // Sent again: a new request, answered on its own.
    const resent = await api.act(as['k.mweene'], id, 'REGISTER', {
      declaration: { 'child.name': { firstname: 'Ama', surname: 'Phiri' } },
    });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().flags).toContain('registration-requested');
    const ok = await confirm(nid, id, { nationalId: '5544332299' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('REGISTERED');
  });

  it('only a caller with record.confirm-registration (a NATIONAL_ID client) may answer; bad input is a 400', async () => {
    const id = await requestRegistration();
    const webhookClient = await clientToken('WEBHOOK');
    for (const caller of [as['k.mweene'], as['j.campbell'], webhookClient]) {
      expect((await confirm(caller, id, { nationalId: '5544332211' })).statusCode).toBe(403);
      expect((await reject(caller, id, { reason: 'no' })).statusCode).toBe(403);
    }
    const unauthenticated = await runtime.app.inject({
      method: 'POST',
      url: `/api/events/${id}/actions/REGISTER/confirm`,
      payload: { nationalId: '5544332211' },
    });
    expect(unauthenticated.statusCode).toBe(401);
    const badId = await confirm(nid, id, { nationalId: 'ABC' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors).toEqual([expect.objectContaining({ field: 'nationalId' })]);
    expect((await reject(nid, id, {})).statusCode).toBe(400);
    expect((await confirm(nid, randomUUID(), { nationalId: '5544332211' })).statusCode).toBe(404);
    // A record that waits for nothing.
    const other = (await api.create(as['k.mweene'], 'birth')).json();
    await api.act(as['k.mweene'], other.id, 'DECLARE', { declaration: birthDeclaration() });
    expect((await confirm(nid, other.id, { nationalId: '5544332211' })).statusCode).toBe(409);
    // Still waiting, untouched.
    expect((await api.get(as['k.mweene'], id)).json().flags).toContain('registration-requested');
  });

  it('turned off again, REGISTER registers at once', async () => {
    expect((await setConfirmation(false)).statusCode).toBe(200);
    const id = await requestRegistration();
    expect((await api.get(as['k.mweene'], id)).json().status).toBe('REGISTERED');
  });
});
