import type { FamilyMessageId } from '@lifeline/domain';
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Db } from '../../db/connect.ts';

export type FamilyMessageStatus = 'queued' | 'sent' | 'retrying' | 'failed';

/** The `family_messages` table (migration 0131_family_messages). Only this module reads or writes it. */
interface FamilyMessagesTable {
  id: Generated<number>;
  event_id: string;
  message: FamilyMessageId;
  channel: string;
  status: ColumnType<FamilyMessageStatus, FamilyMessageStatus | undefined, FamilyMessageStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

const table = (db: Db) => db.withTables<{ family_messages: FamilyMessagesTable }>();

/** The statement that inserts a family message row and returns its `id` (to queue its delivery with it). */
export function familyMessageInsert(row: { eventId: string; message: FamilyMessageId; channel: string }) {
  return sql`INSERT INTO family_messages (event_id, message, channel, last_error)
             VALUES (${row.eventId}, ${row.message}, ${row.channel}, NULL) RETURNING id`;
}

export async function markFamilyMessage(
  db: Db,
  id: number,
  change: { status: FamilyMessageStatus; attempts: number; error: string | null },
): Promise<void> {
  await table(db)
    .updateTable('family_messages')
    .set({ status: change.status, attempts: change.attempts, last_error: change.error, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function familyMessagesOf(db: Db, eventId: string) {
  const rows = await table(db)
    .selectFrom('family_messages')
    .select(['message', 'channel', 'status', 'attempts', 'last_error', 'created_at', 'updated_at'])
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    message: r.message,
    channel: r.channel,
    status: r.status,
    attempts: r.attempts,
    error: r.last_error,
    queuedAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}
