import { randomUUID } from 'node:crypto';
import type { Runtime } from '../server.ts';
import { bearer, type Tokens } from './harness.ts';

/** Small HTTP helpers for record tests: each call goes through the real API. */
export function recordsClient(runtime: Runtime) {
  const call = (tokens: Tokens, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    runtime.app.inject({
      method,
      url,
      headers: bearer(tokens),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    call,
    create: (tokens: Tokens, type: string, transactionId = randomUUID()) =>
      call(tokens, 'POST', '/api/events', { type, transactionId }),
    act: (tokens: Tokens, id: string, type: string, body: Record<string, unknown> = {}) =>
      call(tokens, 'POST', `/api/events/${id}/actions/${type}`, { transactionId: randomUUID(), ...body }),
    /** `act`, answered with the record's whole history (`?include=actions`). */
    actFull: (tokens: Tokens, id: string, type: string, body: Record<string, unknown> = {}) =>
      call(tokens, 'POST', `/api/events/${id}/actions/${type}?include=actions`, {
        transactionId: randomUUID(),
        ...body,
      }),
    get: (tokens: Tokens, id: string) => call(tokens, 'GET', `/api/events/${id}`),
  };
}

/**
 * The record every correction must keep of who asks and why (Farajaland: a reason of its list and the 5 USD fee):
 * here someone not on the record, so it fits any record. A REQUEST_CORRECTION or a one-step APPROVE_CORRECTION
 * without it is refused.
 */
export function correctionAnnotation(reason = 'CLERICAL_ERROR', overrides: Record<string, unknown> = {}) {
  return {
    requester: {
      type: 'OTHER',
      name: 'Grace Mulenga',
      relationship: 'Aunt',
      idType: 'NATIONAL_ID',
      idNumber: '5550001111',
      identityVerified: true,
    },
    reason: { type: reason },
    payment: { amount: 5, currency: 'USD', method: 'CASH' },
    ...overrides,
  };
}
