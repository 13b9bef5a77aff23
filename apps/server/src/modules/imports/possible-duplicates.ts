import type { BatchDuplicate } from '../dedup/batch.ts';
import type { BuiltRecord } from './build.ts';
import type { PossibleDuplicate } from './repository.ts';

/**
 * The duplicates the country's rules found among a batch's records (against the register, earlier batches of the
 * file included, and among the batch's rows), kept for the records written: a refused row is no one's duplicate.
 */
export function possibleDuplicates(
  records: BuiltRecord[],
  write: BuiltRecord[],
  found: BatchDuplicate[],
): PossibleDuplicate[] {
  const written = new Set(write);
  const out: PossibleDuplicate[] = [];
  for (const d of found) {
    const record = records[d.i];
    const earlier = d.matchedIndex === null ? null : records[d.matchedIndex];
    if (!written.has(record) || (earlier && !written.has(earlier))) continue;
    out.push({
      row: record.row,
      registration_number: record.registrationNumber,
      event_id: record.event.id,
      matched_event_id: d.matchedEventId,
      matched_registration_number: earlier ? earlier.registrationNumber : d.matchedRegistrationNumber,
      matched_row: earlier ? earlier.row : null,
      rules: d.rules,
      score: d.score,
    });
  }
  return out;
}
