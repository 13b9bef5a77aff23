import {
  paperSourceLabel,
  type EventConfig,
  type JsonObject,
  type PaperEntryBody,
  type ScopeName,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { newTrackingId } from '../events/identifiers.ts';
import { attachFileToRecord, linkDeclarationFiles } from '../files/index.ts';
import { buildRecord, type ImportSource } from '../imports/build.ts';
import { checkRow, type CheckedRow } from '../imports/check-row.ts';
import { readRegister, writeBatch } from '../imports/repository.ts';
import type { PageRow } from './tables.ts';

/** The country's relaxed rules for historical records of this type (its import map), else the form's own. */
function relaxedRules(ctx: AppContext, eventType: string) {
  return (
    ctx.country.config.imports?.events.find((m) => m.event === eventType)?.relaxed ?? { notRequired: [], unchecked: [] }
  );
}

/** What the register has against an entry is said as the field it is about ("child.dob: not a real date"). */
function asFieldErrors(reasons: string[]) {
  return reasons.map((reason) => {
    const at = /^([\w.]+): (.*)$/.exec(reason);
    return at ? { field: `declaration.${at[1]}`, message: at[2] } : { field: 'registration', message: reason };
  });
}

/**
 * An entry checked as the legacy import checks a row: the form's rules relaxed as the import map says, the original
 * registration's date against the event, and the caller's jurisdiction for `scope` (the typist's record.transcribe,
 * the resolver's record.register) over the record: the page's office and the place of the event.
 */
export function checkEntry(
  ctx: AppContext,
  user: AuthUser,
  scope: ScopeName,
  config: EventConfig,
  page: PageRow,
  entry: PaperEntryBody,
) {
  const checked = checkRow(
    ctx.country,
    config,
    relaxedRules(ctx, config.id),
    user,
    1,
    entry.declaration as JsonObject,
    {
      number: entry.registration.number.trim(),
      date: entry.registration.date,
      office: page.office_id,
      registrar: entry.registration.registrar?.trim() || null,
    },
    { scope },
  );
  if (!checked.ok) {
    throw badRequest(
      `the entry has ${checked.reasons.length} problem(s): ${checked.reasons.join('; ')}`,
      asFieldErrors(checked.reasons),
    );
  }
  return checked.value;
}

/**
 * The page's record, written in the caller's transaction through the legacy import's own path (buildRecord, the
 * register's checks of readRegister, writeBatch): REGISTERED at the original number, date and office, flagged
 * imported with `source: 'paper'`, the page and its scan; the scan is attached to the record for good.
 */
export async function createPaperRecord(
  trx: Db,
  ctx: AppContext,
  user: AuthUser,
  config: EventConfig,
  page: PageRow,
  checked: CheckedRow,
): Promise<string> {
  const label = paperSourceLabel({ register: page.register_name, volume: page.volume, page: page.page_label });
  const source: ImportSource = {
    importId: page.id,
    eventType: config.id,
    fileName: label || 'paper register',
    sha256: page.file_id,
    paper: { pageId: page.id, fileId: page.file_id, contentType: page.content_type, label },
  };
  const record = buildRecord(ctx.country, config, user, source, checked);
  const inRegister = await readRegister(trx, config.id, [record]);
  if (inRegister.doneTransactions.has(record.transactionId)) throw conflict(`page ${page.id} is already transcribed`);
  if (inRegister.takenNumbers.has(record.registrationNumber)) {
    throw conflict(`registration number ${record.registrationNumber} is already in the register`);
  }
  const key = record.dateOfEvent ? `${record.dateOfEvent}|${record.names}` : null;
  if (key && inRegister.existing.has(key)) {
    throw conflict(
      `a ${config.id} record with the same names and date of event is already in the register ` +
        `(registration number ${inRegister.existing.get(key)}): check it is not the same registration`,
    );
  }
  if (inRegister.takenTrackingIds.has(record.event.tracking_id)) {
    const trackingId = newTrackingId(config.code);
    record.event.tracking_id = trackingId;
    record.index.tracking_id = trackingId;
  }
  // No import row has the page's id: the batch writer's progress update touches nothing.
  await writeBatch(trx, page.id, [record], [], { lastRow: 0, skipped: 0, bytesRead: 0 });
  const eventId = record.event.id as string;
  await attachFileToRecord(trx, page.file_id, eventId);
  await linkDeclarationFiles(trx, ctx, user, { eventId, draft: false }, [checked.declaration]);
  return eventId;
}
