import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { CLI_ACTOR } from './actor.ts';
import { duplicateReportLines, openImport, runImport, type RunOptions } from './service.ts';
import { birthCsv, legacyBirth, tempFile, type BirthRow } from './testing.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.close());

async function importRows(name: string, rows: BirthRow[], options: RunOptions = {}) {
  const file = tempFile(name, birthCsv(rows));
  const job = await openImport(runtime.ctx, CLI_ACTOR, {
    path: file,
    fileName: name,
    eventType: 'birth',
    format: 'csv',
  });
  return runImport(runtime.ctx, CLI_ACTOR, job, { path: file }, { duplicates: 'rules', ...options });
}

async function duplicates(id: string) {
  let text = '';
  for await (const chunk of duplicateReportLines(runtime.ctx, id)) text += chunk;
  const [header, ...lines] = text.trim().split('\n');
  return { header, lines };
}

async function idOf(registrationNumber: string) {
  const row = await runtime.ctx.db
    .selectFrom('event_index')
    .select('event_id')
    .where('registration_number', '=', registrationNumber)
    .executeTakeFirstOrThrow();
  return row.event_id;
}

/** The same child registered again by a clerk: a letter of the first name doubled, the birth a day later. */
const again = (n: number, of: number, over: BirthRow = {}) =>
  legacyBirth(n, {
    ...legacyBirth(of),
    registration_number: legacyBirth(n).registration_number,
    child_first_name: 'Mutalle',
    child_date_of_birth: '1998-03-02',
    ...over,
  });

describe("an import with the country's duplicate rules (--duplicates rules)", () => {
  it('reports a row matching a record of the register, with that record, and imports it all the same', async () => {
    const first = await importRows('original.csv', [legacyBirth(401)]);
    expect(first).toMatchObject({ imported: 1, possibleDuplicates: 0 });
    const second = await importRows('later.csv', [again(402, 401), legacyBirth(403)]);
    expect(second).toMatchObject({ imported: 2, refused: 0, possibleDuplicates: 1 });
    const report = await duplicates(second.id);
    expect(report.header).toBe(
      'row,registration_number,matched_registration_number,matched_row,rules,score,matched_record_id',
    );
    expect(report.lines).toHaveLength(1);
    const [row, number, matched, matchedRow, rules, score, matchedId] = report.lines[0].split(',');
    expect([row, number, matched, matchedRow]).toEqual(['1', 'IB/1998/00402', 'IB/1998/00401', '']);
    expect(rules).toContain('same-child-same-mother');
    expect(Number(score)).toBeGreaterThan(0.85);
    expect(matchedId).toBe(await idOf('IB/1998/00401'));
    // Reported, not merged: both are registered records.
    expect(await idOf('IB/1998/00402')).not.toBe(matchedId);
  });

  it('finds duplicates among the rows of one batch and across batches of the same file', async () => {
    const rows = [legacyBirth(411), again(412, 411), legacyBirth(413), legacyBirth(414), again(415, 413)];
    const inOneBatch = await importRows('one-batch.csv', rows, { batchSize: 100 });
    expect(inOneBatch).toMatchObject({ imported: 5, possibleDuplicates: 2 });
    const one = (await duplicates(inOneBatch.id)).lines.map((l) => l.split(',').slice(0, 4));
    expect(one).toEqual([
      ['2', 'IB/1998/00412', 'IB/1998/00411', '1'],
      ['5', 'IB/1998/00415', 'IB/1998/00413', '3'],
    ]);

    // The same, one row per batch: the earlier rows are in the register when the later ones are checked.
    const rows2 = [legacyBirth(421), legacyBirth(422), again(423, 421)];
    const perRow = await importRows('per-row.csv', rows2, { batchSize: 1 });
    expect(perRow).toMatchObject({ imported: 3, possibleDuplicates: 1 });
    const lines = (await duplicates(perRow.id)).lines.map((l) => l.split(',').slice(0, 4));
    expect(lines).toEqual([['3', 'IB/1998/00423', 'IB/1998/00421', '']]);
  });

  it('reports nothing for different children, and nothing without the rules (the default, exact)', async () => {
    const distinct = await importRows('distinct.csv', [legacyBirth(431), legacyBirth(432)]);
    expect(distinct).toMatchObject({ imported: 2, possibleDuplicates: 0 });
    expect((await duplicates(distinct.id)).lines).toEqual([]);

    const file = tempFile('exact.csv', birthCsv([again(433, 431)]));
    const job = await openImport(runtime.ctx, CLI_ACTOR, {
      path: file,
      fileName: 'exact.csv',
      eventType: 'birth',
      format: 'csv',
    });
    const exact = await runImport(runtime.ctx, CLI_ACTOR, job, { path: file });
    expect(exact).toMatchObject({ imported: 1, refused: 0, possibleDuplicates: 0 });
  });

  it('does not report a row against a row the exact rule refused', async () => {
    // Row 2 has row 1's names and date exactly (refused); row 3 is a near copy of row 1 (reported against row 1).
    const rows = [legacyBirth(441), legacyBirth(442, { ...legacyBirth(441), registration_number: 'IB/1998/00442' })];
    rows.push(again(443, 441));
    const done = await importRows('mixed.csv', rows, { batchSize: 100 });
    expect(done).toMatchObject({ imported: 2, refused: 1, possibleDuplicates: 1 });
    const lines = (await duplicates(done.id)).lines.map((l) => l.split(',').slice(0, 4));
    expect(lines).toEqual([['3', 'IB/1998/00443', 'IB/1998/00441', '1']]);
  });
});
