import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../context.ts';
import * as repo from './repository.ts';

/** The report of refused rows as CSV (header first), a page at a time: flat memory at any size. */
export async function* reportLines(ctx: AppContext, importId: string): AsyncGenerator<string> {
  yield stringify([['row', 'registration_number', 'reasons']]);
  let after = 0;
  for (;;) {
    const page = await repo.refusalsAfter(ctx.db, importId, after, 1000);
    // Cells starting with = + - @ are defused: the report is opened in spreadsheets.
    if (page.length) {
      yield stringify(
        page.map((r) => [r.row, r.registration_number ?? '', r.reasons.join('; ')]),
        { escape_formulas: true },
      );
    }
    if (page.length < 1000) return;
    after = page[page.length - 1].row;
  }
}

/**
 * The possible duplicates of an import as CSV (header first), a page at a time: each imported row the country's
 * rules matched, with the record it matched (its registration number, and its row when it came from the same file).
 */
export async function* duplicateReportLines(ctx: AppContext, importId: string): AsyncGenerator<string> {
  yield stringify([
    ['row', 'registration_number', 'matched_registration_number', 'matched_row', 'rules', 'score', 'matched_record_id'],
  ]);
  let after = 0;
  for (;;) {
    // Whole rows per page: a row may have several matches.
    const page = await repo.duplicatesAfter(ctx.db, importId, after, 1000);
    const complete = page.length < 1000 ? page : page.filter((d) => d.row !== page[page.length - 1].row);
    const lines = complete.length ? complete : page;
    if (lines.length) {
      yield stringify(
        lines.map((d) => [
          d.row,
          d.registration_number,
          d.matched_registration_number ?? '',
          d.matched_row ?? '',
          d.rules.join(' '),
          d.score,
          d.matched_event_id,
        ]),
        { escape_formulas: true },
      );
    }
    if (page.length < 1000) return;
    after = lines[lines.length - 1].row;
  }
}
