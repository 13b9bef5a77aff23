import { applyAction, type Action, type EventConfig, type JsonObject } from '@lifeline/domain';
import type { Insertable } from 'kysely';
import type { Country } from '../../country.ts';
import type { AuditLogTable, EventActionsTable, EventsTable } from '../../db/schema.ts';
import { GENESIS_HASH } from '../../lib/hash.ts';
import { auditRow } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { newTrackingId } from '../events/identifiers.ts';
import { toIndexRow } from '../events/projection.ts';
import { chainActions, type IndexWrite } from '../events/repository.ts';
import { registrarOf, toFactsRow } from '../statistics/facts.ts';
import type { FactsWrite } from '../statistics/tables.ts';
import type { CheckedRow } from './check-row.ts';
import { timeOrderedId } from './time-ordered-id.ts';

/** Where the records of an import come from, as each imported registration records it. */
export interface ImportSource {
  importId: string;
  eventType: string;
  fileName: string;
  sha256: string;
  /** A page of a paper register transcribed by hand (modules/paper): its record is the page's, once. */
  paper?: { pageId: string; fileId: string; contentType: string; label: string };
}

/** Everything one imported record writes, as a normal create + REGISTER would: rows for each table. */
export interface BuiltRecord {
  row: number;
  registrationNumber: string;
  /** The duplicate key: type, date of event and every name on the record. */
  dateOfEvent: string | null;
  names: string;
  /** The record's declaration, as the duplicate rules compare it. */
  declaration: JsonObject;
  transactionId: string;
  event: Insertable<EventsTable>;
  actions: Insertable<EventActionsTable>[];
  index: IndexWrite;
  facts: FactsWrite | null;
  audit: Insertable<AuditLogTable>;
}

/** The create's transactionId of a row: the same file's same row always makes the same (one) record. */
export const rowTransactionId = (source: ImportSource, row: number) =>
  `import:${source.eventType}:${source.sha256}:${row}`;

/**
 * A registration of the past as the register's own history: CREATE and REGISTER at the original date and office,
 * carrying the original number, the declaration, and (in the REGISTER's content) where it came from and the
 * registrar's name; hash-chained as every record's actions are, with its projection, statistics row and audit
 * entry computed by the server's own functions, so `verify-log` and `reindex` treat it like any other record.
 */
export function buildRecord(
  country: Country,
  config: EventConfig,
  actor: AuthUser,
  source: ImportSource,
  checked: CheckedRow,
): BuiltRecord {
  const id = timeOrderedId();
  const trackingId = newTrackingId(config.code);
  const transactionId = source.paper ? `paper:${source.paper.pageId}` : rowTransactionId(source, checked.row);
  // Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
  const at = `${checked.registration.date}T12:00:00.000Z`;
  const common = {
    status: 'Accepted' as const,
    transactionId,
    createdBy: actor.id,
    createdByRole: actor.role,
    createdAtLocation: checked.registration.officeId,
    createdAt: at,
    annotation: null,
  };
  const create: Action = {
    ...common,
    id: timeOrderedId(),
    type: 'CREATE',
    declaration: null,
    content: null,
    registrationNumber: null,
  };
  const register: Action = {
    ...common,
    id: timeOrderedId(),
    type: 'REGISTER',
    declaration: checked.declaration,
    content: {
      imported: {
        importId: source.importId,
        file: source.fileName,
        sha256: source.sha256,
        row: checked.row,
        registrar: checked.registration.registrar,
        ...(source.paper ? { source: 'paper', ...source.paper } : {}),
      },
    },
    registrationNumber: checked.registration.number,
  };
  const chained = chainActions(id, { seq: 0, hash: null }, [create, register]);
  const state = applyAction(applyAction(null, create), register);
  const index = toIndexRow(country, config, { id, trackingId }, state, 1);
  const audit = auditRow(
    {
      stream: `event:${id}`,
      actorId: actor.id,
      actorRole: actor.role,
      action: 'record.IMPORT',
      subjectType: 'event',
      subjectId: id,
      details: {
        steps: ['CREATE', 'REGISTER'],
        transactionId,
        importId: source.importId,
        row: checked.row,
        registrationNumber: checked.registration.number,
      },
    },
    GENESIS_HASH,
  );
  return {
    row: checked.row,
    registrationNumber: checked.registration.number,
    dateOfEvent: checked.dateOfEvent,
    names: index.names ?? '',
    declaration: checked.declaration,
    transactionId,
    event: {
      id,
      type: config.id,
      tracking_id: trackingId,
      created_at: at,
      version: 1,
      last_seq: chained.head.seq,
      last_hash: chained.head.hash,
      audit_hash: audit.hash,
    },
    actions: chained.rows,
    index,
    facts: toFactsRow(country, config, index, state, registrarOf([create, register])),
    audit,
  };
}
