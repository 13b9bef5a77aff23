/**
 * Interoperability under load: `npm run bench:interop` (PostgreSQL: BENCH_DATABASE_URL, default the local server).
 *
 * A real server process on a fresh PostgreSQL database; over HTTP, health-system notifications (`POST /fhir/Bundle`)
 * at a fixed concurrency, three ways in one run:
 *   A. by a person (the hospital clerk's login): the baseline;
 *   B. by a HEALTH_SYSTEM client with a client-credentials token (its own check and rate limit per request);
 *   C. the same, with a webhook subscription to every notification: each commit also queues a delivery, which the
 *      server's worker POSTs (Standard Webhooks, verified here) to a receiver in this process.
 * Prints notifications per second (goal >= 200/s on 2 cores) with the ratios B/A and C/B, and the delay from each
 * action to its delivery (the action's own timestamp, taken before commit, to arrival: an upper bound), p50/p95
 * (goal p95 < 1 s).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { hospitalBirth } from '@lifeline/fhir/testing/notifications';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { Pool } from 'undici';
import { Api, Session } from './http.ts';
import { startServer } from './server.ts';
import { round, summarize, table } from './stats.ts';

const PER_PHASE = Number(process.env.BENCH_NOTIFICATIONS ?? 1500);
/** Phase D: notifications at a steady rate a registry sees, for the delay of deliveries outside a flood. */
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 20);
const PACED_SECONDS = 10;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `lifeline_bench_interop_${process.pid}`;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const letters = (n: number) =>
  Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');

/** Receives deliveries: verifies each signature and notes the delay since the action. */
async function startReceiver() {
  const state = { secret: '', delays: [] as number[], forged: 0, ids: new Set<string>(), duplicates: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = Date.now();
      try {
        const event = new Webhook(state.secret).verify(
          Buffer.concat(chunks),
          req.headers as Record<string, string>,
        ) as {
          timestamp: string;
        };
        const id = String(req.headers['webhook-id']);
        if (state.ids.has(id)) state.duplicates++;
        state.ids.add(id);
        state.delays.push(arrived - Date.parse(event.timestamp));
      } catch {
        state.forged++;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { state, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** `count` notifications, `CONCURRENCY` at a time; returns notifications per second. */
async function notify(
  pool: Pool,
  token: string,
  count: number,
  concurrency = CONCURRENCY,
): Promise<{ rate: number; failures: string[] }> {
  let next = 0;
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const bundle = hospitalBirth({
          identifier: randomUUID(),
          birthDate: daysAgo(1 + Math.floor(Math.random() * 20)),
          childName: letters(7),
          motherNid: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)),
        });
        const res = await pool.request({
          method: 'POST',
          path: '/fhir/Bundle',
          headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` },
          body: JSON.stringify(bundle),
        });
        const text = await res.body.text();
        if (res.statusCode !== 201 && failures.length < 5) failures.push(`${res.statusCode} ${text.slice(0, 200)}`);
      }
    }),
  );
  return { rate: count / ((performance.now() - started) / 1000), failures };
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${dbName}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-bench-interop-'));
process.env.CLIENT_RATE_LIMIT_PER_MINUTE = '1000000';
// The receiver listens on this machine, where webhooks are otherwise refused (see webhooks/url-guard.ts).
process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
const server = await startServer({ dataDir, databaseUrl: databaseUrl.toString(), poolSize: 10 });
const receiver = await startReceiver();
const api = new Api(server.origin, 4);
const pool = new Pool(server.origin, { connections: CONCURRENCY, pipelining: 1 });
try {
  const clerk = await Session.login(api, 'k.bwalya');
  const nationalAdmin = await Session.login(api, 'j.campbell');
  const created = await api.post(
    '/api/integrations',
    { name: 'bench HMIS', type: 'HEALTH_SYSTEM', officeId: 't0qT1Vh8qi3' },
    nationalAdmin.accessToken,
  );
  const { clientId, clientSecret } = created.json as { clientId: string; clientSecret: string };
  const token = (
    await api.post('/api/auth/token', {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    })
  ).json as { access_token: string };

  // Warm-up (JIT, connection pools, statement plans), not counted.
  await notify(pool, token.access_token, 100);
  const load = loadavg()[0];
  const byPerson = await notify(pool, clerk.accessToken, PER_PHASE);
  const byClient = await notify(pool, token.access_token, PER_PHASE);
  const subscribed = await api.post(
    '/api/webhooks',
    { url: receiver.url, events: ['*.notified'] },
    nationalAdmin.accessToken,
  );
  receiver.state.secret = (subscribed.json as { secret: string }).secret;
  const withHooks = await notify(pool, token.access_token, PER_PHASE);
  const deadline = Date.now() + 60_000;
  while (receiver.state.ids.size < PER_PHASE && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const delay = summarize(receiver.state.delays);
  // D: paced, after the flood's deliveries are all in.
  receiver.state.delays = [];
  const pacedCount = PACED_RATE * PACED_SECONDS;
  const pacedStart = performance.now();
  const paced: Promise<unknown>[] = [];
  for (let i = 0; i < pacedCount; i++) {
    const due = pacedStart + (i * 1000) / PACED_RATE - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
    paced.push(notify(pool, token.access_token, 1, 1));
  }
  await Promise.all(paced);
  const pacedDeadline = Date.now() + 30_000;
  while (receiver.state.delays.length < pacedCount && Date.now() < pacedDeadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const pacedDelay = summarize(receiver.state.delays);
  clerk.stop();
  nationalAdmin.stop();

  console.log(
    `interop: ${PER_PHASE} notifications per phase over HTTP, ${CONCURRENCY} at a time, PostgreSQL ` +
      `(load average ${round(load, 2)} at the start, ${round(loadavg()[0], 2)} at the end)`,
  );
  console.log(
    table(
      [
        ['A. by a person (clerk login): baseline', `${round(byPerson.rate)}/s`, '1.00'],
        [
          'B. by a HEALTH_SYSTEM client',
          `${round(byClient.rate)}/s`,
          round(byClient.rate / byPerson.rate, 2).toFixed(2),
        ],
        [
          'C. client, with a webhook per notification',
          `${round(withHooks.rate)}/s`,
          round(withHooks.rate / byClient.rate, 2).toFixed(2),
        ],
      ],
      ['phase', 'notifications', 'ratio'],
    ),
  );
  console.log(
    `webhook delay, action to delivery, during C (a flood at full write speed): p50 ${round(delay.p50)} ms, ` +
      `p95 ${round(delay.p95)} ms, max ${round(delay.max)} ms ` +
      `(${receiver.state.ids.size - pacedDelay.count}/${PER_PHASE} delivered, ${receiver.state.duplicates} twice, ` +
      `${receiver.state.forged} unverified)`,
  );
  console.log(
    `webhook delay, D (${PACED_RATE} notifications/s for ${PACED_SECONDS} s): p50 ${round(pacedDelay.p50)} ms, ` +
      `p95 ${round(pacedDelay.p95)} ms, max ${round(pacedDelay.max)} ms (${pacedDelay.count}/${pacedCount} delivered)`,
  );
  const failures = [...byPerson.failures, ...byClient.failures, ...withHooks.failures];
  if (failures.length) console.log(`failures:\n  ${failures.join('\n  ')}`);
  const goals = [
    [`notifications by a client >= 200/s`, byClient.rate >= 200],
    [`webhook delay p95 < 1 s at a steady rate (D)`, pacedDelay.p95 < 1000],
    [
      `every notification delivered once`,
      receiver.state.ids.size === PER_PHASE + pacedCount && receiver.state.duplicates === 0,
    ],
  ] as const;
  for (const [goal, met] of goals) console.log(`  ${met ? 'met' : 'NOT MET'}: ${goal}`);
  if (failures.length || goals.some(([, met]) => !met)) process.exitCode = 1;
} finally {
  await pool.close();
  await api.close();
  await receiver.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
