import { readFileSync } from 'node:fs';
import { parseScope } from '@lifeline/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { verifyRegister } from '../audit/verify.ts';
import type { AuthUser } from '../auth/types.ts';
import { certificateKeys } from '../verify/index.ts';
import { CLI_ACTOR } from './actor.ts';
import { openImport, reportLines, runImport } from './service.ts';
import { birthCsv, legacyBirth, tempFile } from './testing.ts';

let runtime: TestRuntime;
let registrar: Tokens;
let api: ReturnType<typeof recordsClient>;

beforeAll(async () => {
  runtime = await startTestRuntime();
  registrar = await login(runtime, 'c.lungu');
  api = recordsClient(runtime);
});
afterAll(() => runtime?.close());

async function importFile(file: string, actor: AuthUser = CLI_ACTOR, options: Parameters<typeof runImport>[4] = {}) {
  const job = await openImport(runtime.ctx, actor, {
    path: file,
    fileName: 'legacy.csv',
    eventType: 'birth',
    format: 'csv',
  });
  return runImport(runtime.ctx, actor, job, { path: file }, { batchSize: 4, ...options });
}

async function report(id: string) {
  let text = '';
  for await (const line of reportLines(runtime.ctx, id)) text += line;
  return text;
}

async function quickSearch(term: string) {
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/events/search',
    headers: bearer(registrar),
    payload: { query: { type: 'quick', term } },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    total: number;
    results: Array<{ registrationNumber: string | null; flags: string[]; status: string }>;
  };
}

describe('lifeline import (CSV)', () => {
  it('registers good rows with their original numbers, refuses bad ones with reasons, and adds nothing twice', async () => {
    const rows = [
      legacyBirth(1),
      legacyBirth(2, { child_date_of_birth: '1998-02-30' }),
      legacyBirth(3),
      legacyBirth(4, { registration_office: 'Nowhere Office' }),
      // Row 1's child again under another number (names compared without case).
      legacyBirth(5, { child_surname: 'LEGACYB', mother_surname: 'legacyb' }),
      legacyBirth(6, { registration_number: 'IB/1998/00001' }),
      legacyBirth(7, { child_sex: '' }),
      legacyBirth(8),
      legacyBirth(9),
    ];
    const file = tempFile('legacy.csv', birthCsv(rows));
    // One batch: duplicates within the file are found among its rows (across batches, in the register).
    const done = await importFile(file, CLI_ACTOR, { batchSize: 100 });
    expect(done).toMatchObject({ status: 'done', rows: 9, imported: 4, refused: 5, skipped: 0 });

    const text = await report(done.id);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('row,registration_number,reasons');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2', '4', '5', '6', '7']);
    expect(text).toMatch(/2,IB\/1998\/00002,.*child\.dob/);
    expect(text).toMatch(/4,IB\/1998\/00004,.*Nowhere Office"+ is not a registration office/);
    expect(text).toMatch(/5,IB\/1998\/00005,.*duplicate: the same names and date of event as row 1/);
    expect(text).toMatch(/6,IB\/1998\/00001,.*IB\/1998\/00001 is also on row 1/);
    expect(text).toMatch(/7,IB\/1998\/00007,.*child\.gender: required/);

    // Searchable at once, by name and by the original number; registered, flagged imported.
    const byNumber = await quickSearch('IB/1998/00003');
    expect(byNumber.results.map((r) => r.registrationNumber)).toContain('IB/1998/00003');
    const byName = await quickSearch('Legacyd');
    expect(byName.total).toBeGreaterThanOrEqual(1);
    const record = byNumber.results.find((r) => r.registrationNumber === 'IB/1998/00003')!;
    expect(record.status).toBe('REGISTERED');
    expect(record.flags).toContain('imported');

    // The same file again: nothing added.
    const again = await importFile(file);
    expect(again).toMatchObject({ id: done.id, imported: 4, refused: 5 });
    const count = await runtime.ctx.db
      .selectFrom('event_index')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('registration_number', 'like', 'IB/1998/%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);

    // Row 1's child in another file: a duplicate of the record in the register.
    const dupFile = tempFile('again.csv', birthCsv([legacyBirth(1, { registration_number: 'IB/1998/99999' })]));
    const dup = await importFile(dupFile);
    expect(dup).toMatchObject({ imported: 0, refused: 1 });
    expect(await report(dup.id)).toMatch(
      /duplicate: a record with the same names and date of event is in the register \(registration number IB\/1998\/00001\)/,
    );
  });

  it('refuses a number already used by a registration, and new registrations skip imported numbers', async () => {
    const year = Number(runtime.ctx.country.today().slice(0, 4));
    // The number the next registration would take is imported first: that registration moves past it.
    const { rows } = await sql<{ last: string | null }>`
      SELECT last_value::text AS last FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = 'registration_sequence_birth'`.execute(
      runtime.ctx.db,
    );
    const next = Number(rows[0]?.last ?? 0) + 1;
    const upcoming = `B${year}${String(next).padStart(7, '0')}`;
    const file = tempFile(
      'clash.csv',
      birthCsv([
        legacyBirth(101, { registration_number: upcoming, child_surname: 'Upcoming', mother_surname: 'Upcoming' }),
      ]),
    );
    expect(await importFile(file)).toMatchObject({ imported: 1, refused: 0 });
    const created = (await api.create(registrar, 'birth')).json() as { id: string };
    const res = await api.act(registrar, created.id, 'REGISTER', { declaration: birthDeclaration() });
    expect(res.statusCode).toBe(200);
    const registered = res.json() as { registrationNumber: string | null };
    expect(registered.registrationNumber).not.toBe(upcoming);
    expect(registered.registrationNumber).toMatch(new RegExp(`^B${year}\\d{7}$`));

    // Importing that new registration's number is a reported clash.
    const clash = tempFile(
      'clash2.csv',
      birthCsv([
        legacyBirth(102, {
          registration_number: registered.registrationNumber!,
          child_surname: 'Clash',
          mother_surname: 'Clash',
        }),
      ]),
    );
    const result = await importFile(clash);
    expect(result).toMatchObject({ imported: 0, refused: 1 });
    expect(await report(result.id)).toContain(
      `registration number ${registered.registrationNumber} is already in the register`,
    );
  });

  it('resumes an interrupted import where it stopped', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => legacyBirth(200 + i));
    const file = tempFile('resume.csv', birthCsv(rows));
    const stop = new AbortController();
    const first = await importFile(file, CLI_ACTOR, { onProgress: () => stop.abort(), signal: stop.signal });
    expect(first.status).toBe('running');
    expect(first.rows).toBeGreaterThan(0);
    expect(first.rows).toBeLessThan(10);
    const resumed = await importFile(file);
    expect(resumed).toMatchObject({ id: first.id, status: 'done', rows: 10, imported: 10, refused: 0 });
  });

  it('checks each row against the importer jurisdiction', async () => {
    const local: AuthUser = {
      id: 'import-test-local',
      username: 'import-test-local',
      role: 'LOCAL_REGISTRAR',
      scopes: [parseScope('record.import[jurisdiction=office]')],
      primaryOfficeId: 'xmJJAsGfSTn',
    };
    const file = tempFile(
      'jurisdiction.csv',
      birthCsv([legacyBirth(301), legacyBirth(302, { registration_office: 'HQ Office' })]),
    );
    const done = await importFile(file, local);
    expect(done).toMatchObject({ imported: 1, refused: 1 });
    expect(await report(done.id)).toMatch(/302,.*outside your jurisdiction for record.import/);
  });

  it('leaves a register that verify-log finds intact', async () => {
    const result = await verifyRegister(runtime.ctx, await certificateKeys(runtime.ctx));
    expect(result.problems).toEqual([]);
    expect(result.records).toBeGreaterThan(15);
  });
});

describe('the report file', () => {
  it('is plain CSV a spreadsheet opens safely', () => {
    const file = tempFile('x.csv', birthCsv([legacyBirth(1, { registration_number: '=cmd' })]));
    expect(readFileSync(file, 'utf8')).toContain('=cmd');
  });
});
