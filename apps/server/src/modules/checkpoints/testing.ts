import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { readActions, toRows } from '../reindex/replay.ts';

/** Rewrite one record's event_index row from its actions (what an attacker would do to hide a deletion). */
export async function rebuildOne(ctx: Pick<AppContext, 'db' | 'country'>, id: string): Promise<void> {
  const { rows } = await sql<{ id: string; type: string; tracking_id: string; version: number }>`
    SELECT id, type, tracking_id, version FROM events WHERE id = ${id}`.execute(ctx.db);
  const [rebuilt] = toRows(ctx, rows, await readActions(ctx.db, rows)).rows;
  const { event_id: _id, ...row } = rebuilt.row;
  await ctx.db.updateTable('event_index').set(row).where('event_id', '=', id).execute();
}
