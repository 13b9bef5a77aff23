import { sql, type Kysely } from 'kysely';

/**
 * `lifeline reindex` before 0013's release swapped in a table that kept event_index's unique indexes but not its
 * primary key and foreign key. Put them back where missing (the unique index on event_id is still there).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ contype: string }>`
    SELECT c.contype FROM pg_constraint c
    WHERE c.conrelid = 'event_index'::regclass AND c.contype IN ('p', 'f')`.execute(db);
  const has = new Set(rows.map((r) => r.contype));
  if (!has.has('p')) {
    const index = await sql<{ name: string }>`
      SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
      WHERE x.indrelid = 'event_index'::regclass AND x.indisunique AND x.indnatts = 1 AND a.attname = 'event_id'`.execute(
      db,
    );
    const name = index.rows[0]?.name;
    if (name) {
      if (name !== 'event_index_pkey') await sql`ALTER INDEX ${sql.id(name)} RENAME TO event_index_pkey`.execute(db);
      await sql`ALTER TABLE event_index ADD CONSTRAINT event_index_pkey PRIMARY KEY USING INDEX event_index_pkey`.execute(
        db,
      );
    } else await sql`ALTER TABLE event_index ADD CONSTRAINT event_index_pkey PRIMARY KEY (event_id)`.execute(db);
  }
  if (!has.has('f')) {
    await sql`ALTER TABLE event_index ADD CONSTRAINT event_index_event_id_fkey
      FOREIGN KEY (event_id) REFERENCES events (id)`.execute(db);
  }
}
