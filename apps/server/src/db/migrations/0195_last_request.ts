import { sql, type Kysely } from 'kysely';

/**
 * `events.last_request`: the last request that wrote to the record (`<action type>:<transactionId>`). The statement
 * that locks a record reads it with the locked row's newest version, so a retry of the request that just committed
 * is recognised as a replay in that one statement (a subquery there sees only the statement's snapshot). Not part of
 * any chain: the log's own (event_id, transaction_id, type) key stays the rule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN last_request text`.execute(db);
}
