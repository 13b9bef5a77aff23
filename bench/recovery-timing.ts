/**
 * Does the "forgot password" / "forgot username" answer tell whether an account exists by how long it takes?
 * Times requests naming existing and unknown accounts, interleaved, against the real app (embedded database, in
 * process, demo staff), and prints the latency of each kind and their ratio. `npm run bench:recovery`;
 * BENCH_RECOVERY_ROUNDS (default 30) requests of each kind per route.
 */
import { readEnv } from '../apps/server/src/lib/env.ts';
import { createRuntime } from '../apps/server/src/server.ts';
import { round, summarize, table } from './stats.ts';

const rounds = Number(process.env.BENCH_RECOVERY_ROUNDS ?? 30);

const runtime = await createRuntime(
  readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_PER_MINUTE: '100000', OUTBOX_WORKER: 'false' }),
  { database: {}, ephemeralKeys: true },
);

async function time(url: string, payload: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await runtime.app.inject({ method: 'POST', url, payload });
  if (res.statusCode !== 202) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const cases = [
  { route: '/api/auth/forgot-password', field: 'identifier', known: 'k.mweene', unknown: 'no.such.user' },
  { route: '/api/auth/forgot-password', field: 'identifier', known: 'k.mweene@example.com', unknown: 'x@example.com' },
  { route: '/api/auth/forgot-username', field: 'contact', known: 'k.mweene@example.com', unknown: 'x@example.com' },
];

const rows: string[][] = [];
try {
  for (const c of cases) {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Interleaved, so a slow moment of the machine falls on both kinds alike.
      known.push(await time(c.route, { [c.field]: c.known }));
      unknown.push(await time(c.route, { [c.field]: c.unknown }));
    }
    const k = summarize(known);
    const u = summarize(unknown);
    rows.push([
      `${c.route.replace('/api/auth/', '')} by ${c.field === 'contact' || c.known.includes('@') ? 'email' : 'username'}`,
      `${round(k.p50)} / ${round(k.p95)}`,
      `${round(u.p50)} / ${round(u.p95)}`,
      String(round(k.p50 / u.p50, 3)),
    ]);
  }
  console.log(`${rounds} requests of each kind, interleaved (ms, median / p95)\n`);
  console.log(table(rows, ['request', 'existing account', 'no account', 'median ratio']));
} finally {
  await runtime.close();
}
