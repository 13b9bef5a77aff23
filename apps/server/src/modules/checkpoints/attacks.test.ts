import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { chainHash } from '../../lib/hash.ts';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { verifyLogs, verifyRegister, type ChainProblem } from '../audit/verify.ts';
import { certificatesClient, motherCollects } from '../certificates/testing.ts';
import { actionHashInput, toAction } from '../events/repository.ts';
import { certificateKeys } from '../verify/index.ts';
import { loadCertificateKeysFrom, publicKeyFrom } from '../verify/keys.ts';
import { compareOutsideCopies } from './outside-copies.ts';
import { published } from './published.ts';
import { writeCheckpoint } from './service.ts';

/**
 * Each silent change of issue 9, done as an attacker with the database's owner account would (triggers and foreign
 * keys off), after the server wrote its periodic checkpoint: verify-log must report every one.
 */
let runtime: TestRuntime;
let api: ReturnType<typeof certificatesClient>;
let registrar: Tokens;
let clerk: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = certificatesClient(runtime);
  registrar = await login(runtime, 'k.mweene');
  clerk = await login(runtime, 'f.katongo');
});
afterAll(() => runtime?.close());

const db = () => runtime.ctx.db;
const registered = () => api.registered(registrar, 'birth', birthDeclaration());
const checkpoint = async () => writeCheckpoint(db(), await certificateKeys(runtime.ctx));
const verify = async () => verifyRegister(runtime.ctx, await certificateKeys(runtime.ctx));
const about = (problems: ChainProblem[], text: string) =>
  problems.filter((p) => p.chain.includes(text) || p.problem.includes(text));

/** Run statements as the database owner does when no trigger or foreign key stands in the way. */
async function tamper(statements: (trx: Db) => Promise<unknown>) {
  await db()
    .transaction()
    .execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await statements(trx);
    });
}

async function lastAction(id: string) {
  const { rows } = await sql<{ seq: number; hash: string; prev_hash: string; type: string }>`
    SELECT seq, hash, prev_hash, type FROM event_actions WHERE event_id = ${id} ORDER BY seq DESC LIMIT 1`.execute(
    db(),
  );
  return rows[0];
}

describe('a register that proves itself', () => {
  it('finds nothing wrong with an untouched register, and publishes a checkpoint anyone can check', async () => {
    const record = await registered();
    expect((await api.print(clerk, record.id, motherCollects(record, 5))).statusCode).toBe(200);
    const row = await checkpoint();
    expect(row).not.toBeNull();
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.checkpoints).toBeGreaterThan(0);
    expect(report.coveredHeads).toBeGreaterThan(0);

    const latest = await runtime.app.inject({ method: 'GET', url: '/api/register/checkpoints/latest' });
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual(published(row!));
    expect((await runtime.app.inject({ method: 'GET', url: `/api/register/checkpoints/${row!.id}` })).json()).toEqual(
      latest.json(),
    );
    expect((await runtime.app.inject({ method: 'GET', url: '/api/register/checkpoints/999999' })).statusCode).toBe(404);
    expect((await runtime.app.inject({ method: 'GET', url: '/api/register/checkpoints/abc' })).statusCode).toBe(400);
    // Checked without jose: Ed25519 over the JWS signing input, with the key the JWKS publishes.
    const jwks = (await runtime.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const jwk = jwks.keys.find((k: { kid: string }) => k.kid === latest.json().keyId);
    const [header, payload, signature] = latest.json().jws.split('.');
    const ok = verifySignature(
      null,
      Buffer.from(`${header}.${payload}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
    expect(ok).toBe(true);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ id: row!.id, root: row!.root });
    // Nothing moved: no new checkpoint.
    expect(await checkpoint()).toBeNull();
    // An auditor holding only the published key (the JWKS as served, or a PEM) checks the same.
    const keys = await certificateKeys(runtime.ctx);
    for (const text of [JSON.stringify(jwks), keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()]) {
      const auditorKey = await publicKeyFrom(text);
      expect(auditorKey.kid).toBe(keys.kid);
      expect((await verifyRegister(runtime.ctx, auditorKey)).problems).toEqual([]);
    }
    const stranger = await publicKeyFrom(
      (await loadCertificateKeysFrom(null)).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    expect((await verifyRegister(runtime.ctx, stranger)).problems).toContainEqual(
      expect.objectContaining({ problem: 'signature does not verify with the registry key' }),
    );
  });

  it('reports a projection edited alone, refuses to print from it, and a certificate of forged data is not VALID', async () => {
    const record = await registered();
    const printed = (await api.print(clerk, record.id, motherCollects(record, 5))).json();
    await checkpoint();
    await sql`UPDATE event_index SET registration_number = 'B2026FORGED01',
                declaration = jsonb_set(declaration, '{mother.nid}', '"9999999999"')
              WHERE event_id = ${record.id}`.execute(db());

    const problems = about((await verify()).problems, record.id);
    expect(problems).toContainEqual(
      expect.objectContaining({
        table: 'event_index',
        problem: 'event_index differs from the action log in declaration, registration_number',
      }),
    );
    const again = await api.print(clerk, record.id, motherCollects(record, 3));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().detail).toMatch(/does not match its action log \(registrationNumber, declaration\)/);

    // A certificate row carrying the forged facts (as the old print path would have made one).
    await tamper((trx) =>
      sql`UPDATE certificates SET registration_number = 'B2026FORGED01' WHERE id = ${printed.certificate.id}`.execute(
        trx,
      ),
    );
    const checked = await runtime.app.inject({ method: 'GET', url: `/api/verify/${printed.certificate.id}` });
    expect(checked.json().status).toBe('TAMPERED');
    expect(about((await verify()).problems, printed.certificate.id)).toEqual([
      expect.objectContaining({ table: 'certificates', problem: expect.stringMatching(/in registration_number$/) }),
    ]);
  });

  it("reports a record's last action deleted", async () => {
    const record = await registered();
    await checkpoint();
    const last = await lastAction(record.id);
    await tamper((trx) =>
      sql`DELETE FROM event_actions WHERE event_id = ${record.id} AND seq = ${last.seq}`.execute(trx),
    );
    const problems = about((await verify()).problems, record.id);
    expect(problems).toContainEqual(
      expect.objectContaining({
        table: 'event_index',
        problem: expect.stringMatching(/head is action #\d+ but its log ends/),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        table: 'register_checkpoints',
        problem: expect.stringContaining(`record:${record.id} #${last.seq} (covered) is no longer in the chain`),
      }),
    );
  });

  it('reports the REGISTER action deleted with the chain head rolled back and the projection rebuilt', async () => {
    const record = await registered();
    await checkpoint();
    const last = await lastAction(record.id);
    expect(last.type).toBe('REGISTER');
    await tamper(async (trx) => {
      await sql`DELETE FROM event_actions WHERE event_id = ${record.id} AND seq = ${last.seq}`.execute(trx);
      await sql`UPDATE events SET last_seq = ${last.seq - 1}, last_hash = ${last.prev_hash}, version = version - 1
                WHERE id = ${record.id}`.execute(trx);
    });
    // The projection made to agree with the shortened log, as the attacker would (the server's own rebuild).
    const { rebuildOne } = await import('./testing.ts');
    await rebuildOne(runtime.ctx, record.id);
    const problems = about((await verify()).problems, record.id);
    expect(problems).toEqual([
      expect.objectContaining({
        table: 'register_checkpoints',
        problem: expect.stringContaining(`record:${record.id} #${last.seq} (covered) is no longer in the chain`),
      }),
    ]);
  });

  it('reports a whole record deleted with its audit stream', async () => {
    const record = await registered();
    await checkpoint();
    await tamper(async (trx) => {
      for (const table of ['event_actions', 'event_index', 'registration_facts']) {
        await sql`DELETE FROM ${sql.table(table)} WHERE event_id = ${record.id}`.execute(trx);
      }
      await sql`DELETE FROM audit_log WHERE stream = ${`event:${record.id}`}`.execute(trx);
      await sql`DELETE FROM events WHERE id = ${record.id}`.execute(trx);
    });
    const report = await verify();
    const problems = about(report.problems, record.id);
    expect(problems.map((p) => p.table)).toEqual(['register_checkpoints', 'register_checkpoints']);
    expect(problems.map((p) => p.problem.split(' #')[0])).toEqual([`audit:event:${record.id}`, `record:${record.id}`]);
    // The chains alone cannot see it: nothing is left of the record to break.
    expect(about((await verifyLogs(db())).problems, record.id)).toEqual([]);
  });

  it('reports the last entry of an audit stream deleted', async () => {
    const record = await registered();
    await checkpoint();
    const stream = `event:${record.id}`;
    await tamper((trx) =>
      sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE stream = ${stream})`.execute(trx),
    );
    expect(about((await verify()).problems, record.id)).toEqual([
      expect.objectContaining({
        table: 'event_index',
        problem: "the record's audit stream does not end with the entry its head names",
      }),
      expect.objectContaining({ table: 'register_checkpoints', problem: expect.stringContaining(`audit:${stream} #`) }),
    ]);
  });

  it('reports an action edited and the chain hashed again', async () => {
    const record = await registered();
    await checkpoint();
    const rows = await db()
      .selectFrom('event_actions')
      .selectAll()
      .where('event_id', '=', record.id)
      .orderBy('seq')
      .execute();
    await tamper(async (trx) => {
      let prev = rows[0].hash;
      for (const row of rows.slice(1)) {
        const action = toAction(row);
        if (action.type === 'DECLARE') {
          action.declaration = { ...action.declaration, 'child.name': { firstname: 'Eve', surname: 'Mallory' } };
        }
        const hash = chainHash(prev, actionHashInput(record.id, row.seq, action));
        await sql`UPDATE event_actions SET declaration = ${JSON.stringify(action.declaration)}::jsonb, prev_hash = ${prev}, hash = ${hash}
                  WHERE id = ${row.id}`.execute(trx);
        prev = hash;
      }
      await sql`UPDATE events SET last_hash = ${prev} WHERE id = ${record.id}`.execute(trx);
    });
    // Every chain recomputes: hashing again defeats the chains alone...
    expect(about((await verifyLogs(db())).problems, record.id)).toEqual([]);
    // ...not the signed checkpoint of the head.
    expect(about((await verify()).problems, `record:${record.id}`)).toEqual([
      expect.objectContaining({ table: 'register_checkpoints' }),
    ]);
  });

  it('catches checkpoints rewritten to match: by the signature, or by a copy kept outside the database', async () => {
    const record = await registered();
    const row = (await checkpoint())!;
    const outside = JSON.stringify(published(row));
    const keys = await certificateKeys(runtime.ctx);
    expect((await compareOutsideCopies(db(), keys, outside)).problems).toEqual([]);
    // The attacker makes the covered head agree with a forged chain: the root no longer matches its signature.
    await tamper((trx) =>
      sql`UPDATE checkpoint_heads SET hash = repeat('f', 64) WHERE checkpoint_id = ${row.id} AND chain = ${`record:${record.id}`}`.execute(
        trx,
      ),
    );
    expect((await verify()).problems).toContainEqual(
      expect.objectContaining({
        chain: `checkpoint ${row.id}`,
        problem: 'the heads stored with it do not match its signed root',
      }),
    );
    // Or deletes the latest checkpoints altogether: the database alone cannot tell, the copy kept outside can.
    await tamper(async (trx) => {
      await sql`DELETE FROM checkpoint_heads WHERE checkpoint_id >= ${row.id}`.execute(trx);
      await sql`DELETE FROM register_checkpoints WHERE id >= ${row.id}`.execute(trx);
    });
    expect((await compareOutsideCopies(db(), keys, outside)).problems).toEqual([
      { checkpoint: row.id, problem: 'a published checkpoint is missing from the database' },
    ]);
  });
});
