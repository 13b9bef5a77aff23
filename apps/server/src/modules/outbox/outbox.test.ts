import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { JobRegistry, OutboxWorker, PermanentJobError, enqueue, type Job } from './index.ts';
import { findJob } from './repository.ts';
import { backoffMs, redact } from './worker.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  // The server's own worker stays off: each test drives workers of its own.
  runtime = await startTestRuntime({ OUTBOX_WORKER: 'false' });
});
afterAll(async () => {
  await runtime?.close();
});

const silent = () => runtime.ctx.log;

function workerWith(
  kind: string,
  run: (job: Job) => Promise<void>,
  options: Partial<ConstructorParameters<typeof OutboxWorker>[3]> = {},
) {
  const registry = new JobRegistry();
  registry.register({ kind, run });
  return new OutboxWorker(runtime.ctx.db, registry, silent(), { retryBaseMs: 1, retryMaxMs: 1, ...options });
}

async function add(kind: string, payload: Record<string, unknown>, options = {}) {
  return runtime.ctx.db.transaction().execute((trx) => enqueue(trx, kind, payload, options));
}

describe('the outbox', () => {
  it('holds a job if and only if the transaction that wrote it commits', async () => {
    const kind = 'test.atomic';
    await runtime.ctx.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, kind, { n: 1 });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const kept = await add(kind, { n: 2 });
    const seen: unknown[] = [];
    await workerWith(kind, async (job) => void seen.push(job.payload)).runOnce();
    expect(seen).toEqual([{ n: 2 }]);
    expect((await findJob(runtime.ctx.db, kept))?.status).toBe('sent');
  });

  it('retries a failing job with backoff, then parks it as failed after its last attempt', async () => {
    const kind = 'test.flaky';
    const id = await add(kind, { to: 'someone' }, { maxAttempts: 3, secrets: { code: '481516' } });
    let calls = 0;
    const worker = workerWith(kind, async () => {
      calls += 1;
      throw new Error('gateway said no to 481516');
    });
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, 20));
      await worker.runOnce();
    }
    const job = (await findJob(runtime.ctx.db, id))!;
    expect(calls).toBe(3);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    // The error is kept, the code it carried is not.
    expect(job.last_error).toBe('gateway said no to [redacted]');
    await worker.runOnce();
    expect(calls).toBe(3);
  });

  it('parks at once a job whose handler says retrying cannot help, and one of an unknown kind', async () => {
    const hopeless = await add('test.hopeless', {});
    const orphan = await add('test.nobody-handles-this', {});
    await workerWith('test.hopeless', async () => {
      throw new PermanentJobError('no address');
    }).runOnce();
    expect(await findJob(runtime.ctx.db, hopeless)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await findJob(runtime.ctx.db, orphan)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await findJob(runtime.ctx.db, orphan))?.last_error).toMatch(/no handler/);
  });

  it('gives a job abandoned by a dead worker to another once its lease is over', async () => {
    const kind = 'test.lease';
    const id = await add(kind, {});
    const done: string[] = [];
    // The first worker claims the job and never finishes it (its process died mid-job).
    const dying = workerWith(kind, () => new Promise<void>(() => {}), { leaseMs: 300 });
    void dying.runOnce();
    await expect.poll(async () => (await findJob(runtime.ctx.db, id))?.attempts).toBe(1);
    const other = workerWith(kind, async () => void done.push('other'), { leaseMs: 300 });
    expect(await other.runOnce()).toBe(0); // still leased
    await new Promise((r) => setTimeout(r, 400));
    await other.runOnce();
    expect(done).toEqual(['other']);
    expect(await findJob(runtime.ctx.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('shares the work between workers running at once: every job done exactly once', async () => {
    const kind = 'test.shared';
    const ids = new Set<number>();
    for (let i = 0; i < 40; i++) ids.add(await add(kind, { i }));
    const doneBy = new Map<number, string>();
    const slowly = (name: string) => async (job: Job) => {
      await new Promise((r) => setTimeout(r, 5));
      if (doneBy.has(job.id)) throw new Error(`job ${job.id} done twice`);
      doneBy.set(job.id, name);
    };
    const workers = ['a', 'b', 'c'].map((name) => workerWith(kind, slowly(name), { batchSize: 4 }));
    const drain = async (w: OutboxWorker) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all(workers.map(drain));
    expect([...doneBy.keys()].sort()).toEqual([...ids].sort());
    const rows = await Promise.all([...ids].map((id) => findJob(runtime.ctx.db, id)));
    expect(rows.every((r) => r?.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('erases secrets once sent', async () => {
    const id = await add('test.secret', { to: 'x' }, { secrets: { code: '123456' } });
    await workerWith('test.secret', async (job) => {
      expect(job.secrets).toEqual({ code: '123456' });
    }).runOnce();
    expect(await findJob(runtime.ctx.db, id)).toMatchObject({ status: 'sent', secrets: null, payload: { to: 'x' } });
  });
});

describe('failed jobs, for the national system administrator', () => {
  it('are listed without their secrets and can be put back in the queue, which is audited', async () => {
    const kind = 'test.visible';
    const id = await add(kind, { to: 'k.mweene' }, { maxAttempts: 1, secrets: { code: '999111' } });
    let fail = true;
    const worker = workerWith(kind, async () => {
      if (fail) throw new Error('down');
    });
    await worker.runOnce();

    const admin = await login(runtime, 'j.campbell');
    const list = await runtime.app.inject({
      method: 'GET',
      url: `/api/outbox?status=failed&kind=${kind}`,
      headers: bearer(admin),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().results).toEqual([
      expect.objectContaining({ id, status: 'failed', lastError: 'down', payload: { to: 'k.mweene' } }),
    ]);
    expect(list.body).not.toContain('999111');

    const clerk = await login(runtime, 'k.bwalya');
    const refused = await runtime.app.inject({
      method: 'POST',
      url: `/api/outbox/${id}/retry`,
      headers: bearer(clerk),
    });
    expect(refused.statusCode).toBe(403);

    const retried = await runtime.app.inject({
      method: 'POST',
      url: `/api/outbox/${id}/retry`,
      headers: bearer(admin),
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    fail = false;
    await worker.runOnce();
    expect(await findJob(runtime.ctx.db, id)).toMatchObject({ status: 'sent', secrets: null });

    const again = await runtime.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry`, headers: bearer(admin) });
    expect(again.statusCode).toBe(409);
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('stream', '=', `outbox:${id}`)
      .execute();
    expect(audit).toEqual([{ action: 'outbox.RETRY', actor_role: 'NATIONAL_SYSTEM_ADMIN' }]);
  });
});

describe('backoff and redaction', () => {
  it('doubles the delay with each attempt, within ±20%, up to the maximum', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(backoffMs(4, 1000, 60_000, () => 0)).toBe(6400);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(9600);
    expect(backoffMs(30, 1000, 60_000, () => 0.5)).toBe(60_000);
  });

  it('blanks every secret value out of an error message', () => {
    expect(redact('refused: code 123456 for 0911111111', { code: '123456', token: 'abcdefgh' })).toBe(
      'refused: code [redacted] for 0911111111',
    );
  });
});
