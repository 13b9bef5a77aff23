import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../api/client.ts';
import { sendRound, type DeliveryDeps } from './delivery.ts';
import { keepFile, openLocalFiles } from './localFiles.ts';
import { openOutbox } from './outbox.ts';

interface Sent {
  path: string;
  body: Record<string, unknown>;
}

/** A device with its own IndexedDB, and a server that is unreachable until `online` is set. */
function device() {
  const name = randomUUID();
  const state = { online: false, uploads: 0, sent: [] as Sent[] };
  const deps: DeliveryDeps = {
    outbox: openOutbox(`${name}-outbox`),
    files: openLocalFiles(`${name}-files`),
    async request<T>(path: string, options: { body?: unknown }) {
      if (!state.online) throw new NetworkError('offline');
      state.sent.push({ path, body: options.body as Record<string, unknown> });
      return { id: 'record-1' } as T;
    },
    async upload(file) {
      if (!state.online) throw new NetworkError('offline');
      state.uploads++;
      return `/api/files/${file.name}`;
    },
    now: () => Date.now(),
    random: () => 0.5,
  };
  return { deps, state };
}

describe('a correction request made without network', () => {
  it('stays on the device with its documents, then is sent once with the same transactionId when back online', async () => {
    const { deps, state } = device();
    const evidence = await keepFile(
      deps.files,
      'f.katongo',
      new Blob(['%PDF-1.4']),
      'court-order.pdf',
      'application/pdf',
    );
    const annotation = {
      requester: { type: 'MOTHER', idType: 'NATIONAL_ID', idNumber: '5544332211', identityVerified: true },
      reason: { type: 'CLERICAL_ERROR' },
      documents: [{ ...evidence, option: 'EVIDENCE' }],
      payment: { amount: 5, currency: 'USD', method: 'CASH' },
    };
    const transactionId = randomUUID();
    const id = await deps.outbox.add('f.katongo', {
      eventId: 'record-1',
      type: 'birth',
      action: 'REQUEST_CORRECTION',
      transactionId,
      version: 7,
      declaration: { 'child.gender': 'male' },
      annotation,
      title: 'Mutale Phiri',
    });

    // No network: nothing leaves the device, the item and its document wait.
    const offline = await sendRound('f.katongo', deps, true);
    expect(offline.sent).toEqual([]);
    expect(await deps.outbox.get(id)).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(await deps.files.get(evidence.path.slice('local:'.length))).toBeDefined();

    // Back online: the document is uploaded, then the request names it by its server path.
    state.online = true;
    const back = await sendRound('f.katongo', deps, true);
    expect(back.sent.map((item) => item.id)).toEqual([id]);
    expect(state.uploads).toBe(1);
    expect(state.sent).toEqual([
      {
        path: '/api/events/record-1/actions/REQUEST_CORRECTION',
        body: {
          transactionId,
          version: 7,
          declaration: { 'child.gender': 'male' },
          annotation: {
            ...annotation,
            documents: [{ ...annotation.documents[0], path: '/api/files/court-order.pdf' }],
          },
        },
      },
    ]);
    expect(await deps.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2 });
    // The kept copy of the document is gone once the server has the request.
    expect(await deps.files.get(evidence.path.slice('local:'.length))).toBeUndefined();

    // Exactly once: later rounds send nothing more.
    await sendRound('f.katongo', deps, true);
    expect(state.sent).toHaveLength(1);
    expect(state.uploads).toBe(1);
  });

  it('retries with the same transactionId when an answer is lost, and uploads the document only once', async () => {
    const { deps, state } = device();
    const evidence = await keepFile(deps.files, 'f.katongo', new Blob(['x']), 'id.png', 'image/png');
    const transactionId = randomUUID();
    await deps.outbox.add('f.katongo', {
      eventId: 'record-1',
      type: 'birth',
      action: 'REQUEST_CORRECTION',
      transactionId,
      declaration: { 'child.gender': 'male' },
      annotation: { reason: { type: 'CLERICAL_ERROR' }, documents: [evidence] },
    });
    state.online = true;
    // The request reaches the server but its answer is lost on the way back.
    const request = deps.request;
    let lose = true;
    deps.request = async <T>(path: string, options: { body?: unknown }) => {
      const answer = await request<T>(path, options);
      if (lose) {
        lose = false;
        throw new NetworkError('connection reset');
      }
      return answer;
    };
    await sendRound('f.katongo', deps, true);
    await sendRound('f.katongo', deps, true);
    expect(state.sent.map((s) => s.body.transactionId)).toEqual([transactionId, transactionId]);
    expect(state.uploads).toBe(1);
    expect((await deps.outbox.list('f.katongo'))[0].state).toBe('sent');
  });
});
