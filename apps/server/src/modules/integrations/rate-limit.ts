import type { AppContext } from '../../context.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import { hitCounter, sweepCounters } from '../auth/repository.ts';

const MINUTE = 60_000;

/**
 * At most CLIENT_RATE_LIMIT_PER_MINUTE requests per integration client per minute. Counted in PostgreSQL (one
 * upsert of one row), so the limit holds however many server copies the client's requests are spread over.
 */
export async function limitPerClient(ctx: Pick<AppContext, 'db' | 'env'>, clientId: string) {
  const now = Date.now();
  const hits = await hitCounter(ctx.db, `client:${clientId}`, new Date(Math.floor(now / MINUTE) * MINUTE));
  if (Math.random() < 0.001) await sweepCounters(ctx.db, new Date(now - 2 * 60 * MINUTE));
  const max = ctx.env.clientRateLimitPerMinute;
  if (hits > max) {
    const wait = Math.max(1, Math.ceil((MINUTE - (now % MINUTE)) / 1000));
    throw tooManyRequests(
      `too many requests: at most ${max} a minute per integration client; try again in ${wait} s`,
      wait,
    );
  }
}
