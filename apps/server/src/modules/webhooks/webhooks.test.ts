import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/** A subscriber's server: records each delivery, answers what `answer` says (a status, or never). */
interface Receiver {
  url: string;
  deliveries: Array<{ headers: IncomingHttpHeaders; body: string; at: number }>;
  answer: (n: number) => number | 'hang';
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { deliveries: [], answer: () => 204 } as unknown as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = receiver.answer(receiver.deliveries.length);
      if (answer === 'hang') return; // no answer: the sender's timeout decides
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};
const receivers: Receiver[] = [];

beforeAll(async () => {
  runtime = await startTestRuntime({ OUTBOX_RETRY_BASE_MS: '100', OUTBOX_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: '300' });
  api = recordsClient(runtime);
  for (const u of ['j.campbell', 'k.mweene']) as[u] = await login(runtime, u);
});
afterEach(async () => {
  // Each test subscribes its own receiver: end the others' subscriptions so they get nothing more.
  const list = await runtime.app.inject({ method: 'GET', url: '/api/webhooks', headers: bearer(as['j.campbell']) });
  for (const w of list.json().results as Array<{ id: string }>) {
    await runtime.app.inject({ method: 'DELETE', url: `/api/webhooks/${w.id}`, headers: bearer(as['j.campbell']) });
  }
  while (receivers.length) await receivers.pop()!.close();
});
afterAll(() => runtime?.close());

/** A client of `type` with its token (through the real token endpoint). */
async function clientToken(type: string): Promise<string> {
  const created = await runtime.app.inject({
    method: 'POST',
    url: '/api/integrations',
    headers: bearer(as['j.campbell']),
    payload: { name: `${type} test`, type },
  });
  const { clientId, clientSecret } = created.json();
  const token = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    headers: { 'content-type': 'application/json' },
    payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
  });
  return token.json().access_token;
}

async function subscribe(token: string, events: string[]) {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: bearer(token),
    payload: { url: receiver.url, events },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { receiver, secret: res.json().secret as string, id: res.json().id as string };
}

/** A birth declared, validated and registered by the registrar in one request; returns its id. */
async function registerBirth(on = runtime): Promise<string> {
  const client = recordsClient(on);
  const record = (await client.create(as['k.mweene'], 'birth')).json();
  const res = await client.act(as['k.mweene'], record.id, 'REGISTER', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return record.id;
}

const verified = (secret: string, d: { headers: IncomingHttpHeaders; body: string }) =>
  new Webhook(secret).verify(d.body, d.headers as Record<string, string>) as {
    type: string;
    data: Record<string, unknown>;
  };

describe('webhooks', () => {
  it('delivers each matching event once, in order, signed (Standard Webhooks); personal data only when readable', async () => {
    const plain = await subscribe(await clientToken('WEBHOOK'), ['*.declared', 'birth.registered']);
    const nationalId = await subscribe(await clientToken('NATIONAL_ID'), ['birth.registered']);
    const id = await registerBirth();
    await expect.poll(() => plain.receiver.deliveries.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => nationalId.receiver.deliveries.length, { timeout: 5000 }).toBe(1);
    const events = plain.receiver.deliveries.map((d) => verified(plain.secret, d));
    expect(events.map((e) => [e.type, e.data.recordId])).toEqual([
      ['birth.declared', id],
      ['birth.registered', id],
    ]);
    // A WEBHOOK client may not read records: no declaration. The national ID system may: it gets one.
    expect(events[1].data.declaration).toBeUndefined();
    expect(events[1].data.registrationNumber).toMatch(/^B/);
    const numbered = verified(nationalId.secret, nationalId.receiver.deliveries[0]);
    expect(numbered.data.declaration).toHaveProperty(['mother.nid']);
    // Handing the declaration out is audited as a read, once, for that subscriber only.
    const reads = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'record.WEBHOOK')
      .where('subject_id', '=', id)
      .execute();
    expect(reads).toHaveLength(1);
    // A forged or altered delivery does not verify.
    const d = plain.receiver.deliveries[0];
    expect(() =>
      new Webhook(plain.secret).verify(d.body.replace('birth', 'death'), d.headers as Record<string, string>),
    ).toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(plain.receiver.deliveries.length).toBe(2);
  });

  it('retries after 500s and timeouts, with the same id, until the subscriber takes it', async () => {
    const { receiver, secret } = await subscribe(await clientToken('WEBHOOK'), ['birth.registered']);
    receiver.answer = (n) => (n === 1 ? 500 : n === 2 ? 'hang' : n === 3 ? 503 : 200);
    await registerBirth();
    await expect.poll(() => receiver.deliveries.length, { timeout: 10_000 }).toBe(4);
    const ids = receiver.deliveries.map((d) => d.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    for (const d of receiver.deliveries) expect(verified(secret, d).type).toBe('birth.registered');
    // Backing off: each wait longer than the one before (the second also waited out the timeout).
    const gaps = receiver.deliveries.slice(1).map((d, i) => d.at - receiver.deliveries[i].at);
    expect(gaps[2]).toBeGreaterThan(gaps[0]);
    // The worker marks the job sent once the answer is in: a moment after the receiver saw the request.
    const job = () =>
      runtime.ctx.db
        .selectFrom('outbox' as never)
        .select(['status', 'attempts'] as never[])
        .where('payload' as never, '@>' as never, JSON.stringify({ messageId: ids[0] }) as never)
        .executeTakeFirstOrThrow();
    await expect.poll(job, { timeout: 5000 }).toEqual({ status: 'sent', attempts: 4 });
  });

  it('sends nothing for a write that rolls back', async () => {
    const { receiver } = await subscribe(await clientToken('WEBHOOK'), ['*.registered', '*.declared']);
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    // A listener after the webhooks' one fails: the whole action, its deliveries with it, rolls back.
    runtime.ctx.recordListeners!.push(async () => {
      throw new Error('a later step of the transaction fails');
    });
    try {
      const res = await api.act(as['k.mweene'], record.id, 'REGISTER', { declaration: birthDeclaration() });
      expect(res.statusCode).toBe(500);
    } finally {
      runtime.ctx.recordListeners!.pop();
    }
    expect((await api.get(as['k.mweene'], record.id)).json().status).toBe('CREATED');
    const queued = await runtime.ctx.db
      .selectFrom('outbox' as never)
      .select('id' as never)
      .where('kind' as never, '=', 'webhook' as never)
      .where('status' as never, '=', 'pending' as never)
      .execute();
    expect(queued).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.deliveries).toEqual([]);
  });

  it('with two server copies, exactly one delivers each event', async () => {
    const second = await startSecondCopy(runtime);
    try {
      const { receiver } = await subscribe(await clientToken('WEBHOOK'), ['birth.registered']);
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => registerBirth(i % 2 ? runtime : second)));
      await expect.poll(() => receiver.deliveries.length, { timeout: 10_000 }).toBe(6);
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.deliveries.length).toBe(6);
      const recordIds = receiver.deliveries.map(
        (d) => (JSON.parse(d.body) as { data: { recordId: string } }).data.recordId,
      );
      expect(recordIds.sort()).toEqual([...ids].sort());
    } finally {
      await second.close();
    }
  });

  it('parks a delivery after its attempts for the administrator, who redelivers it', async () => {
    const { receiver } = await subscribe(await clientToken('WEBHOOK'), ['birth.registered']);
    receiver.answer = () => 500;
    await registerBirth();
    await expect.poll(() => receiver.deliveries.length, { timeout: 5000 }).toBeGreaterThan(1);
    // Park it now rather than wait a day of attempts.
    await runtime.ctx.db
      .updateTable('outbox' as never)
      .set({ max_attempts: 1 } as never)
      .where('kind' as never, '=', 'webhook' as never)
      .where('status' as never, '=', 'pending' as never)
      .execute();
    const failed = async () =>
      (
        await runtime.app.inject({
          method: 'GET',
          url: '/api/outbox?status=failed&kind=webhook',
          headers: bearer(as['j.campbell']),
        })
      ).json().results as Array<{ id: number; attempts: number; lastError: string }>;
    await expect.poll(async () => (await failed()).length, { timeout: 5000 }).toBe(1);
    const [parked] = await failed();
    expect(parked.lastError).toContain('answered 500');
    receiver.answer = () => 200;
    const before = receiver.deliveries.length;
    const retried = await runtime.app.inject({
      method: 'POST',
      url: `/api/outbox/${parked.id}/retry`,
      headers: bearer(as['j.campbell']),
    });
    expect(retried.statusCode).toBe(200);
    await expect.poll(() => receiver.deliveries.length, { timeout: 5000 }).toBe(before + 1);
  });

  it('refuses subscribers without the scope, and bad subscriptions', async () => {
    const search = await clientToken('RECORD_SEARCH');
    const post = (token: string | Tokens, payload: object) =>
      runtime.app.inject({ method: 'POST', url: '/api/webhooks', headers: bearer(token), payload });
    expect((await post(search, { url: 'http://127.0.0.1:9/x', events: ['birth.registered'] })).statusCode).toBe(403);
    expect((await post(as['k.mweene'], { url: 'http://127.0.0.1:9/x', events: ['birth.registered'] })).statusCode).toBe(
      403,
    );
    const hook = await clientToken('WEBHOOK');
    const badEvent = await post(hook, { url: 'http://127.0.0.1:9/x', events: ['birth.exploded'] });
    expect([badEvent.statusCode, badEvent.json().errors[0].field]).toEqual([400, 'events.0']);
    const badType = await post(hook, { url: 'http://127.0.0.1:9/x', events: ['divorce.registered'] });
    expect([badType.statusCode, badType.json().errors[0].field]).toEqual([400, 'events.0']);
    expect((await post(hook, { url: 'ftp://example.org/x', events: ['*.registered'] })).statusCode).toBe(400);
    // A client sees and deletes only its own.
    const mine = await post(hook, { url: 'http://127.0.0.1:9/x', events: ['*.registered'] });
    const other = await clientToken('WEBHOOK');
    const list = await runtime.app.inject({ method: 'GET', url: '/api/webhooks', headers: bearer(other) });
    expect(list.json().results).toEqual([]);
    const del = await runtime.app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${mine.json().id}`,
      headers: bearer(other),
    });
    expect(del.statusCode).toBe(404);
  });
});
