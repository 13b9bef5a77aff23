import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { classify, type Need, type Operation } from '../../test/matrix/operations.ts';
import { ScopesTable } from '../../test/matrix/oracle.ts';
import {
  prepareWorld,
  type PreparedRecord,
  type RoleUser,
  type Target,
  type World,
} from '../../test/matrix/prepare.ts';

/**
 * The authorization matrix: every operation of /api/openapi.json x every role of the country config x a record
 * inside / outside the role's jurisdiction, plus no token, a garbage token, an expired token, the token of an
 * ended login and the token of a user who must change their password. Each cell's expected answer comes from
 * the roles config (test/matrix/oracle.ts) and what the operation needs (test/matrix/operations.ts); an
 * operation nobody classified fails the test.
 */
let runtime: TestRuntime;
let world: World;
let table: ScopesTable;
let spec: { paths: Record<string, Record<string, OpenApiOperation>> };

interface OpenApiOperation {
  security?: unknown[];
  parameters?: Array<{ in: string; name: string; schema?: { enum?: string[] } }>;
}

type Expectation = 'allow' | 'deny' | 'public';
interface Cell {
  op: string;
  who: string;
  record?: 'in' | 'out';
  expected: Expectation;
  status: number;
  /** What the same request got without a token. */
  anonymous: number;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  table = new ScopesTable(runtime.ctx.country.config);
  spec = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  world = await prepareWorld(runtime, table);
}, 300_000);
afterAll(() => runtime?.close());

/** What the config says a valid login of `user` gets for `need` on `record` (or `target`). */
function allowed(need: Need, user: RoleUser, record: PreparedRecord, target: Target): boolean {
  switch (need.kind) {
    case 'public':
    case 'signed-in':
      return true;
    case 'scope':
      return need.anyOf.some((s) => table.holds(user.role, s, need.eventType, need.everywhere));
    case 'staff':
      return need.anyOf.some(
        (s) => table.reachesOffice(user, s, target.officeId) && (!need.grants || table.mayGive(user, s, target.role)),
      );
    case 'uploader':
      return target.uploader === user.userId;
    case 'record':
      return table.mayRead(user, record) && (!need.anyOf || need.anyOf.some((s) => table.reaches(user, s, record)));
    case 'creator':
      return record.createdBy === user.userId;
    case 'workqueue':
      return table.hasWorkqueue(user.role, need.slug);
  }
}

/** The answers that mean "refused" for this need (a workqueue the role does not have, another's upload: not found). */
const refusals = (need: Need) => (need.kind === 'workqueue' || need.kind === 'uploader' ? [401, 403, 404] : [401, 403]);

/** Needs whose answer depends on what is acted on: each role is tried inside and outside its reach. */
const placed = (need: Need) => ['record', 'creator', 'staff', 'uploader'].includes(need.kind);

async function send(
  op: Operation,
  record: PreparedRecord,
  user: RoleUser | null,
  token: string | null,
  target: Target,
) {
  const request = op.request(record, user, target);
  const res = await runtime.app.inject({
    method: op.method,
    url: request.url,
    headers: { ...(token ? bearer(token) : {}), ...request.headers },
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  return res.statusCode;
}

describe('authorization matrix', () => {
  it('every operation is classified, and its expected answer holds for every role, record and token', async () => {
    const specific = new Set<string>();
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) specific.add(`${method.toUpperCase()} ${path}`);
    }
    const operations: Operation[] = [];
    const unclassified: string[] = [];
    const wronglyDocumented: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const ops = classify(method, path, operation, specific);
        if (!ops) unclassified.push(`${method.toUpperCase()} ${path}`);
        else operations.push(...ops);
        // The document must say which operations are public: `security: []` exactly on those.
        const documentedPublic = Array.isArray(operation.security) && operation.security.length === 0;
        if (ops && ops.some((o) => o.need.kind === 'public') !== documentedPublic) {
          wronglyDocumented.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(unclassified, 'operations with no known expectation: classify them in test/matrix/operations.ts').toEqual(
      [],
    );
    expect(wronglyDocumented, 'public in fact but not in /api/openapi.json, or the other way round').toEqual([]);

    // Logging out ends the token that sent it: those cells go last.
    operations.sort((a, b) => Number(a.key.includes('/logout')) - Number(b.key.includes('/logout')));
    const cells: Cell[] = [];
    for (const op of operations) {
      const anyTarget = await world.target(world.users[0], 'in');
      const anonymous = await send(op, world.users[0].inRecord, null, null, anyTarget);
      const records = placed(op.need) ? (['in', 'out'] as const) : ([null] as const);
      for (const user of world.users) {
        for (const which of records) {
          let record = which === 'out' ? world.outRecord : user.inRecord;
          let target = await world.target(user, which ?? 'in');
          const expected: Expectation =
            op.need.kind === 'public' ? 'public' : allowed(op.need, user, record, target) ? 'allow' : 'deny';
          if (expected === 'allow' && op.freshRecord) record = await world.copy(record);
          if (expected === 'allow' && op.freshTarget) target = await world.target(user, which ?? 'in', op.freshTarget);
          const status = await send(op, record, user, user.tokens.accessToken, target);
          cells.push({ op: op.key, who: user.role, ...(which ? { record: which } : {}), expected, status, anonymous });
        }
      }
      const tokens: Array<[string, string | null, Expectation]> = [
        ['no token', null, 'deny'],
        ['garbage token', world.tokens.garbage, 'deny'],
        ['expired token', world.tokens.expired, 'deny'],
        ['ended login', world.tokens.ended, 'deny'],
        ['must change password', world.tokens.mustChange, op.duringPasswordChange ? 'allow' : 'deny'],
      ];
      for (const [who, token, expected] of tokens) {
        const status = token === null ? anonymous : await send(op, world.users[0].inRecord, null, token, anyTarget);
        cells.push({ op: op.key, who, expected: op.need.kind === 'public' ? 'public' : expected, status, anonymous });
      }
    }

    const needOf = new Map(operations.map((o) => [o.key, o.need]));
    const refused = (c: Cell) => refusals(needOf.get(c.op)!).includes(c.status);
    const unexpectedAllows = cells.filter((c) => c.expected === 'deny' && !refused(c));
    const unexpectedDenials = cells.filter((c) => c.expected === 'allow' && refused(c));
    // Public: the same answer whoever asks, never "forbidden".
    const publicByToken = cells.filter(
      (c) => c.expected === 'public' && (c.status !== c.anonymous || c.status === 403),
    );
    const serverErrors = cells.filter((c) => c.status >= 500);
    const allows = cells.filter((c) => c.expected !== 'deny').length;
    console.log(
      `authorization matrix: ${operations.length} operations (${Object.keys(spec.paths).length} paths), ` +
        `${world.users.length} roles, ${cells.length} cells (${allows} allowed, ${cells.length - allows} refused by ` +
        `the config): ${unexpectedAllows.length} unexpected allows, ${unexpectedDenials.length} unexpected ` +
        `denials, ${publicByToken.length} public answers that depend on the token, ${serverErrors.length} server errors`,
    );
    expect(serverErrors).toEqual([]);
    expect(publicByToken).toEqual([]);
    expect(unexpectedAllows).toEqual([]);
    expect(unexpectedDenials).toEqual([]);
    // The matrix is not vacuous: most roles are refused somewhere and allowed somewhere.
    expect(cells.filter((c) => c.expected === 'deny').length).toBeGreaterThan(cells.length / 3);
  });
});
