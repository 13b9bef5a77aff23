import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/client.ts';
import type { OutboxSubmission } from '../offline/outbox.ts';
import { answersChangedAt, newDraft, startingValues, type Draft } from './drafts.ts';
import { submitDeclaration, titleOf, type SubmitDeps } from './submission.ts';

function fakeServer(fail: (path: string, call: number) => Error | undefined = () => undefined) {
  const calls: Array<{ path: string; body: unknown }> = [];
  const saved: Draft[] = [];
  const queued: OutboxSubmission[] = [];
  const deps: SubmitDeps = {
    async api<T>(path: string, options?: { body?: unknown }) {
      calls.push({ path, body: options?.body });
      const error = fail(path, calls.length);
      if (error) throw error;
      return (path === '/api/events' ? { id: 'e1' } : { id: 'e1', trackingId: 'B123' }) as T;
    },
    async enqueue(s) {
      queued.push(s);
      return queued.length;
    },
    async saveDraft(d) {
      saved.push(structuredClone(d));
    },
    uploadLocal: async (declaration) => declaration,
  };
  return { deps, calls, saved, queued };
}

describe('submitDeclaration', () => {
  it('creates the record, then acts on it, with ids saved before the first request', async () => {
    const server = fakeServer();
    const draft = newDraft('k.bwalya', 'birth');
    const result = await submitDeclaration(draft, 'DECLARE', { 'child.gender': 'female' }, server.deps);
    expect(result).toMatchObject({ kind: 'sent', eventId: 'e1' });
    expect(server.calls[0]).toEqual({
      path: '/api/events',
      body: { type: 'birth', transactionId: draft.createTransactionId },
    });
    expect(server.calls[1].path).toBe('/api/events/e1/actions/DECLARE');
    expect(server.calls[1].body).toEqual({
      transactionId: draft.transactionIds.DECLARE,
      declaration: { 'child.gender': 'female' },
    });
    expect(server.saved[0].transactionIds.DECLARE).toBe(draft.transactionIds.DECLARE);
    expect(server.saved.at(-1)?.eventId).toBe('e1');
  });

  it('retries with the same ids after a failure, so nothing is done twice', async () => {
    const server = fakeServer((path, call) => (call === 2 ? new ApiError({ title: 'Bad', status: 400 }) : undefined));
    const draft = newDraft('k.bwalya', 'birth');
    await expect(submitDeclaration(draft, 'DECLARE', {}, server.deps)).rejects.toBeInstanceOf(ApiError);
    const first = draft.transactionIds.DECLARE;
    await submitDeclaration(draft, 'DECLARE', {}, server.deps);
    // The record exists now: no second create, the same action id.
    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/events',
      '/api/events/e1/actions/DECLARE',
      '/api/events/e1/actions/DECLARE',
    ]);
    expect((server.calls[2].body as { transactionId: string }).transactionId).toBe(first);
  });

  it('hands the submission to the outbox when there is no connection', async () => {
    const server = fakeServer(() => new NetworkError('offline'));
    const draft = { ...newDraft('k.bwalya', 'birth'), title: 'Chanda Mulenga' };
    const result = await submitDeclaration(draft, 'NOTIFY', { a: 1 }, server.deps);
    expect(result).toEqual({ kind: 'queued', eventId: undefined });
    expect(server.queued).toEqual([
      {
        createTransactionId: draft.createTransactionId,
        type: 'birth',
        action: 'NOTIFY',
        transactionId: draft.transactionIds.NOTIFY,
        declaration: { a: 1 },
        title: 'Chanda Mulenga',
      },
    ]);
  });

  it('queues with the record id when only the action failed to get through', async () => {
    const server = fakeServer((path) => (path.includes('/actions/') ? new NetworkError('offline') : undefined));
    const draft = newDraft('k.bwalya', 'death');
    const result = await submitDeclaration(draft, 'REGISTER', {}, server.deps);
    expect(result).toEqual({ kind: 'queued', eventId: 'e1' });
    expect(server.queued[0]).toMatchObject({ eventId: 'e1', action: 'REGISTER', type: 'death' });
  });
});

describe('drafts', () => {
  it('starts from the newer of the device and server drafts, else the record', () => {
    const record = { a: 'record' };
    const local = { values: { a: 'device' }, updatedAt: '2025-06-02T10:00:00.000Z' };
    const server = { declaration: { a: 'server' }, updatedAt: '2025-06-02T09:00:00.000Z' };
    expect(startingValues(record, local, server)).toEqual({ values: local.values, source: 'device' });
    expect(startingValues(record, { ...local, updatedAt: '2025-06-01T00:00:00.000Z' }, server).source).toBe('server');
    expect(startingValues(record, undefined, undefined)).toEqual({ values: record, source: 'record' });
  });

  it('ignores drafts older than the last change of the record, which they would undo', () => {
    const record = { a: 'validated by the registrar' };
    const local = { values: { a: 'device' }, updatedAt: '2025-06-02T10:00:00.000Z' };
    const changedAt = answersChangedAt([
      { type: 'CREATE', createdAt: '2025-06-01T00:00:00.000Z', declaration: null },
      { type: 'VALIDATE', createdAt: '2025-06-03T00:00:00.000Z', declaration: { a: 'x' } },
      { type: 'ASSIGN', createdAt: '2025-06-04T00:00:00.000Z', declaration: null },
    ]);
    expect(changedAt).toBe('2025-06-03T00:00:00.000Z');
    expect(startingValues(record, local, undefined, changedAt)).toEqual({ values: record, source: 'record' });
    expect(startingValues(record, local, undefined, '2025-06-01T00:00:00.000Z').source).toBe('device');
  });

  it('gives each new draft its own ids, and titles records by name', () => {
    const a = newDraft('u', 'birth');
    const b = newDraft('u', 'birth');
    expect(new Set([a.localId, b.localId, a.createTransactionId, b.createTransactionId]).size).toBe(4);
    expect(a.localId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(titleOf({ firstname: 'Chanda', middlename: '', surname: 'Mulenga' })).toBe('Chanda Mulenga');
    expect(titleOf(undefined)).toBeUndefined();
  });
});
