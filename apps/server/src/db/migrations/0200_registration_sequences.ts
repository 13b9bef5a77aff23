import { sql, type Kysely } from 'kysely';

/**
 * Registration numbers come from one database sequence per event type (`registration_sequence_<type>`, - as _):
 * drawing from a sequence locks nothing, where the counter row was locked by each registering transaction until
 * it ended. Each sequence starts where its counter stood. `registration_counters` stays as the list of event types
 * with a sequence; its `last` is now the floor a restore of a backup taken before this migration starts above.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const counters = await sql<{ event_type: string; last: string }>`
    SELECT event_type, last::text FROM registration_counters`.execute(db);
  for (const { event_type, last } of counters.rows) {
    const name = `registration_sequence_${event_type.replaceAll('-', '_')}`;
    await sql`CREATE SEQUENCE IF NOT EXISTS ${sql.id(name)}`.execute(db);
    if (Number(last) > 0) await sql`SELECT setval(${name}::regclass, ${last}::bigint)`.execute(db);
  }
}
