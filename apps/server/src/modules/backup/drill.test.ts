import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { verifyRegister } from '../audit/verify.ts';
import { certificatesClient, motherCollects } from '../certificates/testing.ts';
import { writeCheckpoint } from '../checkpoints/index.ts';
import { certificateKeys } from '../verify/index.ts';
import { backupDatabase } from './export.ts';
import { openFiles, sealFiles } from './key-envelope.ts';
import { restoreDatabase } from './restore.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-drill-'));
const runtimes: TestRuntime[] = [];
afterAll(async () => {
  for (const r of runtimes) await r.close();
  rmSync(dir, { recursive: true, force: true });
});

async function registerAndPrint(runtime: TestRuntime) {
  const api = certificatesClient(runtime);
  const record = await api.registered(await login(runtime, 'k.mweene'), 'birth', birthDeclaration());
  const printed = await api.print(await login(runtime, 'f.katongo'), record.id, motherCollects(record, 5));
  expect(printed.statusCode, printed.body).toBe(200);
  const { rows } = await sql<{ n: string }>`
    SELECT registration_number AS n FROM event_index WHERE event_id = ${record.id}`.execute(runtime.ctx.db);
  return { id: record.id as string, number: rows[0].n, certificate: printed.json().certificate };
}

const verifyUrl = (certificate: { id: string; verifyUrl: string }) =>
  `/api/verify/${certificate.id}?c=${new URL(certificate.verifyUrl).searchParams.get('c')}`;

describe('the restore drill', () => {
  it('register, back up, register more, restore, register again: no number twice, verify-log passes', async () => {
    const live = await startTestRuntime({ CHECKPOINT_INTERVAL_SECONDS: '0' });
    runtimes.push(live);
    const keys = await certificateKeys(live.ctx);
    const before = [await registerAndPrint(live), await registerAndPrint(live)];
    await writeCheckpoint(live.ctx.db, keys);
    const backup = path.join(dir, 'backup');
    const manifest = await backupDatabase(live.ctx.db, live.ctx.dbKind, backup, null);
    expect(manifest.tables.find((t) => t.name === 'events')?.rows).toBeGreaterThanOrEqual(2);
    const lost = [await registerAndPrint(live), await registerAndPrint(live)];

    // The machine is lost; a new one gets the backup (and, from it, the registry's key).
    const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const restored = await startTestRuntime({ CHECKPOINT_INTERVAL_SECONDS: '0', CERT_SIGNING_KEY: pem });
    runtimes.push(restored);
    const report = await restoreDatabase(restored.ctx.db, backup, { gap: 1000, replace: false });
    expect(report.sequences.registration_sequence_birth.resumesAt).toBe(
      report.sequences.registration_sequence_birth.backup + 1001,
    );
    const after = [await registerAndPrint(restored), await registerAndPrint(restored)];

    const numbers = [...before, ...lost, ...after].map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const seq = (n: string) => Number(/(\d+)$/.exec(n)![1]);
    expect(Math.min(...after.map((r) => seq(r.number)))).toBeGreaterThan(Math.max(...lost.map((r) => seq(r.number))));

    const audit = await restored.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('stream', '=', 'system:restore')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'register.RESTORE',
        details: expect.objectContaining({ backupTakenAt: manifest.takenAt, gap: 1000 }),
      }),
    ]);
    await writeCheckpoint(restored.ctx.db, keys);
    expect((await verifyRegister(restored.ctx, keys)).problems).toEqual([]);

    const check = async (url: string) => (await restored.app.inject({ method: 'GET', url })).json().status as string;
    expect(await check(verifyUrl(before[0].certificate))).toBe('VALID');
    expect(await check(verifyUrl(lost[0].certificate))).toBe('ISSUED_AFTER_BACKUP');
    expect(await check(`/api/verify/${lost[0].certificate.id}`)).toBe('UNKNOWN');
    expect(await check(verifyUrl(after[0].certificate))).toBe('VALID');
  });

  it('seals the keys with the passphrase: scrypt and AES-256-GCM, refusing a wrong passphrase or an altered byte', async () => {
    const files = { 'certificate-signing.pem': '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n' };
    const sealed = await sealFiles(files, 'correct horse battery');
    expect(JSON.stringify(sealed)).not.toContain('abc');
    expect(await openFiles(sealed, 'correct horse battery')).toEqual(files);
    await expect(openFiles(sealed, 'wrong horse battery')).rejects.toThrow(/wrong passphrase/);
    const altered = {
      ...sealed,
      ciphertext: Buffer.from(sealed.ciphertext, 'base64').fill(1, 0, 1).toString('base64'),
    };
    await expect(openFiles(altered, 'correct horse battery')).rejects.toThrow(/altered/);
    await expect(sealFiles(files, 'short')).rejects.toThrow(/at least 12/);
  });
});
