import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import { hitCounterBy, sweepCounters } from '../auth/repository.ts';

const MINUTE = 60_000;
/** A copy adds its local count to the shared one at least this often, or after this many requests. */
const FLUSH_MS = 1000;
const FLUSH_HITS = 50;

interface Window {
  start: number;
  /** The shared count (all copies) as last read, and this copy's hits not added to it yet. */
  shared: number;
  pending: number;
  flushedAt: number;
}

const windows = new WeakMap<Db, Map<string, Window>>();

/**
 * At most CLIENT_RATE_LIMIT_PER_MINUTE requests per integration client per minute, across server copies. Each copy
 * counts in memory and adds its count to the client's row in PostgreSQL once a second (or every 50 requests), so
 * a request costs a Map update rather than a write, and the limit holds across copies to within a second's traffic.
 */
export async function limitPerClient(ctx: Pick<AppContext, 'db' | 'env'>, clientId: string) {
  const now = Date.now();
  const start = Math.floor(now / MINUTE) * MINUTE;
  let byClient = windows.get(ctx.db);
  if (!byClient) windows.set(ctx.db, (byClient = new Map()));
  let window = byClient.get(clientId);
  if (!window || window.start !== start)
    byClient.set(clientId, (window = { start, shared: 0, pending: 0, flushedAt: 0 }));
  window.pending++;
  if (window.pending >= FLUSH_HITS || now - window.flushedAt >= FLUSH_MS) {
    const adding = window.pending;
    window.pending = 0;
    window.flushedAt = now;
    window.shared = await hitCounterBy(ctx.db, `client:${clientId}`, new Date(start), adding);
    if (Math.random() < 0.01) await sweepCounters(ctx.db, new Date(now - 2 * 60 * MINUTE));
  }
  const max = ctx.env.clientRateLimitPerMinute;
  if (window.shared + window.pending > max) {
    const wait = Math.max(1, Math.ceil((MINUTE - (now % MINUTE)) / 1000));
    throw tooManyRequests(
      `too many requests: at most ${max} a minute per integration client; try again in ${wait} s`,
      wait,
    );
  }
}
