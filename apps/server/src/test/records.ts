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
