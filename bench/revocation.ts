/**
 * What the revocation check costs per request: `npm run bench:revocation`.
 *
 * Every authenticated request verifies its access token's signature (RS256), then checks that the token's login
 * is still live and the account unchanged (modules/auth/session-check.ts). The check reads a cache kept current
 * on every server copy by LISTEN/NOTIFY; this prints its cost per request from the cache (the usual case), next
 * to the signature check it follows and to a cache miss (one indexed query), all in one run on one machine.
 * Embedded database (PGlite) in memory; the figures are per call on one core.
 */
import { performance } from 'node:perf_hooks';
import { readEnv } from '../apps/server/src/lib/env.ts';
import { checkSession, loadSessionFacts } from '../apps/server/src/modules/auth/session-check.ts';
import { verifyAccessToken } from '../apps/server/src/modules/auth/tokens.ts';
import { createRuntime } from '../apps/server/src/server.ts';

const env = readEnv({
  NODE_ENV: 'test',
  AUTH_DEV_CODE: '000000',
  LOG_LEVEL: 'silent',
  DATA_DIR: '/nonexistent-bench-data-dir',
});
const runtime = await createRuntime(env, { database: {}, ephemeralKeys: true });
try {
  const first = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'k.mweene', password: 'test' },
  });
  const tokens = (
    await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { nonce: first.json().nonce, code: '000000' },
    })
  ).json() as { accessToken: string };
  const claims = await verifyAccessToken(runtime.keys, tokens.accessToken);
  const { ctx } = runtime;

  /** Mean nanoseconds per call over `n` calls, best of 5 rounds (the others include warm-up and GC pauses). */
  async function nsPerCall(n: number, fn: () => unknown): Promise<number> {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      for (let i = 0; i < n; i++) await fn();
      best = Math.min(best, ((performance.now() - started) * 1e6) / n);
    }
    return best;
  }

  const verdict = await checkSession(ctx, claims);
  if (!verdict.ok) throw new Error(`the session should be live: ${verdict.reason}`);
  if (!ctx.sessions?.peek(claims.sid)) throw new Error('the session should be cached after one check');

  const cached = await nsPerCall(1_000_000, () => checkSession(ctx, claims));
  const signature = await nsPerCall(2_000, () => verifyAccessToken(runtime.keys, tokens.accessToken));
  const miss = await nsPerCall(500, () => loadSessionFacts(ctx, claims.sid));
  const fmt = (ns: number) => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns)} ns`);
  console.log('revocation check per request (one core, embedded database, best of 5 rounds)');
  console.log(`  from the cache (checkSession):        ${`${Math.round(cached)} ns`.padStart(10)}/op`);
  console.log(`  token signature before it (RS256):    ${fmt(signature).padStart(10)}/op`);
  console.log(`  cache miss (one indexed query):       ${fmt(miss).padStart(10)}/op`);
  console.log(
    `  the check costs ${((cached / signature) * 100).toFixed(2)}% of the signature check; ` +
      `a miss costs ${(miss / cached).toFixed(0)}x a hit`,
  );
  if (cached >= 100_000) {
    console.log('  OVER BUDGET: the check should cost under 0.1 ms per request');
    process.exitCode = 1;
  }
} finally {
  await runtime.close();
}
