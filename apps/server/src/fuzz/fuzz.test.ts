import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_REFUSED_VALUE } from '../lib/problem.ts';
import { startTestRuntime, testDatabaseKind } from '../test/harness.ts';
import { changedTables, nextTransactionId, tableDigests } from './digest.ts';
import { fixtures, identities, revive, type Identity } from './fixtures.ts';
import { operationsOf, schemaResolver } from './operations.ts';
import { requestsFor, type FuzzRequest } from './requests.ts';
import { emptyDictionary, type GenerateContext } from './schema-values.ts';

/**
 * Schema-driven fuzzing of every operation in /api/openapi.json: per operation, FUZZ_RUNS generated inputs (valid-
 * looking ones and the same with one thing broken), each sent as a user holding the operation's scopes and as
 * anonymous. No answer may be a 5xx, every refusal must be problem+json, and a refused request must change no data.
 * Seeded: `FUZZ_SEED=<seed> FUZZ_OPS=<part of an operation key>` replays a failure.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_509);
// The full 200 per operation on the embedded database; half on the PostgreSQL server, where CI runs every other
// server test file at the same time.
const RUNS = Number(process.env.FUZZ_RUNS ?? (testDatabaseKind() === 'postgres' ? 100 : 200));
const ONLY = process.env.FUZZ_OPS;

// No background worker nor periodic checkpoint: what they write would look like a refused request changing data.
// Recovery answers at their natural speed: hundreds of them at the 600 ms floor would outlast the test's time.
const runtime = await startTestRuntime({
  OUTBOX_WORKER: 'false',
  AUTH_RECOVERY_FLOOR_MS: '1',
  CHECKPOINT_INTERVAL_SECONDS: '0',
});
afterAll(() => runtime.close());
const db = runtime.ctx.db;
const doc = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
const operations = operationsOf(doc).filter((op) => !ONLY || op.key.includes(ONLY));
const dictionary = emptyDictionary();
await fixtures(runtime, dictionary);
const users = await identities(runtime);
const anonymous: Identity = { name: 'anonymous', tokens: null };
const generateContext: GenerateContext = { resolve: schemaResolver(doc), dictionary };

const totals = { inputs: 0, requests: 0, byClass: {} as Record<string, number>, failures: 0 };

/** Digests are compared only when the database's transaction counter moved: most refusals write nothing at all. */
const guard = {
  baseline: null as Record<string, string> | null,
  xid: '',
  async before() {
    if (this.baseline) return;
    this.baseline = await tableDigests(db);
    this.xid = await nextTransactionId(db);
  },
  async after(refused: boolean): Promise<string[]> {
    const xid = await nextTransactionId(db);
    if (xid === this.xid) return [];
    if (!refused) {
      // Something was written: take a new baseline before the next request.
      this.baseline = null;
      return [];
    }
    const now = await tableDigests(db);
    const changed = changedTables(this.baseline!, now);
    this.baseline = now;
    this.xid = xid;
    return changed;
  },
};

let clientAddress = 0;

/** Send one request; returns its status and what is wrong with the answer (nothing, for a good one). */
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'temporarily_unavailable',
]);

async function check(request: FuzzRequest, who: Identity): Promise<{ status: number; problems: string[] }> {
  await guard.before();
  clientAddress += 1;
  const res = await runtime.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: { ...request.headers, ...(who.tokens ? { authorization: `Bearer ${who.tokens.accessToken}` } : {}) },
    // Each request from its own address, so per-IP rate limits do not hide the code behind them.
    remoteAddress: `10.${(clientAddress >> 16) & 255}.${(clientAddress >> 8) & 255}.${clientAddress & 255}`,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  totals.requests += 1;
  if (process.env.FUZZ_VERBOSE === '2' && who.tokens) {
    console.log(`${res.statusCode} ${describeInput(request).slice(0, 300)}\n   -> ${res.body.slice(0, 300)}`);
  }
  const statusClass = `${Math.floor(res.statusCode / 100)}xx`;
  totals.byClass[statusClass] = (totals.byClass[statusClass] ?? 0) + 1;
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400 && request.url.startsWith('/fhir')) {
    // FHIR's errors are OperationOutcomes in FHIR's own media type (issue 11), not problem+json.
    const outcome = String(res.headers['content-type']).startsWith('application/fhir+json')
      ? (res.json() as { resourceType?: string })
      : null;
    if (outcome?.resourceType !== 'OperationOutcome') {
      problems.push(`${res.statusCode} is not an OperationOutcome (${res.headers['content-type']})`);
    }
    if (res.statusCode === 401 && !res.headers['www-authenticate']) problems.push('401 without WWW-Authenticate');
  } else if (res.statusCode >= 400 && request.url.startsWith('/api/auth/token')) {
    // The OAuth2 token endpoint answers in RFC 6749 §5.2's shape, which OAuth clients parse (issue 11).
    const body = String(res.headers['content-type']).startsWith('application/json')
      ? (res.json() as { error?: string })
      : null;
    if (!body || !OAUTH_ERRORS.has(body.error ?? '')) {
      problems.push(`${res.statusCode} is not an RFC 6749 error: ${res.body.slice(0, 200)}`);
    }
    if (res.statusCode === 401 && !res.headers['www-authenticate']) problems.push('401 without WWW-Authenticate');
  } else if (res.statusCode >= 400) {
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
      problems.push(
        `${res.statusCode} is not problem+json (${res.headers['content-type']}): ${res.body.slice(0, 200)}`,
      );
    } else {
      const problem = res.json() as { status?: number; type?: string };
      if (problem.status !== res.statusCode) problems.push(`problem status ${problem.status} != ${res.statusCode}`);
      if (problem.type === DATABASE_REFUSED_VALUE) problems.push('a value reached the database unchecked');
    }
    if (res.statusCode === 401 && !res.headers['www-authenticate']) problems.push('401 without WWW-Authenticate');
  }
  const changed = await guard.after(res.statusCode >= 400);
  if (changed.length) problems.push(`refused with ${res.statusCode} but changed ${changed.join(', ')}`);
  return { status: res.statusCode, problems };
}

/** The user whose answers to a few valid-looking inputs are least often 401/403: one who holds the scopes. */
async function holderOfScopes(samples: FuzzRequest[], failures: string[]): Promise<Identity> {
  let best = users[0];
  let bestScore = -1;
  for (const user of users) {
    let score = 0;
    for (const sample of samples) {
      const { status, problems } = await check(sample, user);
      if (problems.length)
        failures.push(`choosing a user, as ${user.name}: ${describeInput(sample)}\n    ${problems.join('\n    ')}`);
      if (status !== 401 && status !== 403) score += 1;
    }
    if (score > bestScore) [best, bestScore] = [user, score];
  }
  return best;
}

function describeInput(input: FuzzRequest): string {
  const payload = input.payload === undefined ? '' : ` body ${String(input.payload).slice(0, 160)}`;
  return `(${input.note}) ${input.method} ${input.url.slice(0, 160)}${payload}`;
}

function seedOf(key: string): number {
  let hash = SEED;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

describe(`fuzzing every operation of /api/openapi.json (seed ${SEED}, ${RUNS} inputs per operation and identity)`, () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(ONLY ? 0 : 30);
  });

  for (const op of operations) {
    it(op.key, async () => {
      const seed = seedOf(op.key);
      const inputs = fc.sample(requestsFor(op, generateContext), { seed, numRuns: RUNS });
      const failures: string[] = [];
      const statuses: Record<number, number> = {};
      await revive(runtime, users);
      guard.baseline = null;
      const user = op.public ? users[0] : await holderOfScopes(inputs.slice(0, 3), failures);
      for (const [i, input] of inputs.entries()) {
        for (const who of [user, anonymous]) {
          const { status, problems } = await check(input, who);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (problems.length && failures.length < 20) {
            failures.push(`#${i} as ${who.name} ${describeInput(input)}\n    ${problems.join('\n    ')}`);
          }
        }
      }
      if (process.env.FUZZ_VERBOSE) console.log(op.key, user.name, JSON.stringify(statuses));
      totals.inputs += inputs.length;
      totals.failures += failures.length;
      expect(failures, `replay: FUZZ_SEED=${SEED} FUZZ_OPS='${op.key}' (operation seed ${seed})`).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(
      `fuzz [${testDatabaseKind()}] seed ${SEED}: ${operations.length} operations, ${totals.inputs} inputs, ` +
        `${totals.requests} requests (${Object.entries(totals.byClass)
          .sort()
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}), ${totals.failures} failures`,
    );
  });
});
