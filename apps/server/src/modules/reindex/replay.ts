import { deriveState, type Action, type JsonObject } from '@lifeline/domain';
import { sql, type Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import type { EventActionsTable } from '../../db/schema.ts';
import { toIndexRow } from '../events/projection.ts';
import { toAction, type IndexWrite } from '../events/repository.ts';
import { registrarOf, toFactsRow } from '../statistics/facts.ts';
import type { FactsWrite } from '../statistics/tables.ts';

export interface RecordRef {
  id: string;
  type: string;
  tracking_id: string;
  version: number;
}

/** A record's projection row, and the position of the action whose stored declaration is the row's, if one is. */
export interface Rebuilt {
  row: IndexWrite;
  declarationSeq: number | null;
  /** Its statistics row, when registered. */
  facts: FactsWrite | null;
}

/** A batch of records and their projection rows (none for deleted records). */
export interface Replayed {
  records: RecordRef[];
  rows: Rebuilt[];
}

/** The next `limit` records to copy after position `after` (see reindex_records). */
export async function nextRecords(db: Db, after: number, limit: number): Promise<Array<RecordRef & { n: number }>> {
  const { rows } = await sql<RecordRef & { n: number }>`
    SELECT n, id, type, tracking_id, version FROM reindex_records WHERE n > ${after} ORDER BY n LIMIT ${limit}`.execute(
    db,
  );
  return rows;
}

/** Read the records' actions and replay them into event_index rows. */
export async function replay(ctx: AppContext, db: Db, records: RecordRef[]): Promise<Replayed> {
  return toRows(ctx, records, await readActions(db, records));
}

/** A record's actions, in order, and their positions in its log. */
export interface Log {
  actions: Action[];
  seqs: number[];
}

/** The records' actions in one query, by record. */
export async function readActions(db: Db, records: RecordRef[]): Promise<Map<string, Log>> {
  const byEvent = new Map<string, Log>();
  if (!records.length) return byEvent;
  const { rows } = await sql<Selectable<EventActionsTable>>`
    SELECT * FROM event_actions WHERE event_id = ANY(${records.map((r) => r.id)}::uuid[]) ORDER BY event_id, seq`.execute(
    db,
  );
  for (const row of rows) {
    const log = byEvent.get(row.event_id);
    if (log) {
      log.actions.push(toAction(row));
      log.seqs.push(row.seq);
    } else byEvent.set(row.event_id, { actions: [toAction(row)], seqs: [row.seq] });
  }
  return byEvent;
}

/** Each record's state by the domain reducer, as its event_index row (none for a deleted record). */
export function toRows(ctx: Pick<AppContext, 'country'>, records: RecordRef[], logs: Map<string, Log>): Replayed {
  const rows: Rebuilt[] = [];
  for (const r of records) {
    const log = logs.get(r.id) ?? { actions: [], seqs: [] };
    const state = deriveState(log.actions);
    const config = ctx.country.events.get(r.type);
    if (!state || state.deleted || !config) continue;
    const row = toIndexRow(ctx.country, config, { id: r.id, trackingId: r.tracking_id }, state, r.version);
    rows.push({
      row,
      declarationSeq: storedDeclaration(state.declaration, log),
      facts: toFactsRow(ctx.country, config, row, state, registrarOf(log.actions)),
    });
  }
  return { records, rows };
}

/**
 * The last action carrying a declaration, when the record's declaration holds exactly its values (the reducer
 * copies them over, so they are the same values, not merely equal ones): most records are declared once. The
 * database then copies that action's jsonb rather than parse the row's declaration, most of each row's text; it is
 * the jsonb the same JSON.stringify output made when the action was written.
 */
function storedDeclaration(declaration: JsonObject, log: Log): number | null {
  const i = log.actions.findLastIndex((a) => a.declaration);
  const stored = log.actions[i]?.declaration;
  if (!stored) return null;
  const keys = Object.keys(declaration);
  if (keys.length !== Object.keys(stored).length) return null;
  for (const key of keys) if (declaration[key] !== stored[key]) return null;
  return log.seqs[i];
}
