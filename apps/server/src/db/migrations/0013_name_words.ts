import { sql, type Kysely } from 'kysely';

/**
 * Fuzzy name search by words (see packages/domain/src/name-words.ts): each record's `fieldId:word` tokens, and a
 * lexicon of every word under keys for itself, its sounds and its one-letter deletions. The trigram index over all names goes: it
 * matched a record on any one similar word, thousands of rows per search in a large register.
 * Rows written before this migration have no tokens yet: `projection_state` tells the server to rebuild them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE event_index ADD COLUMN name_words text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`CREATE INDEX event_index_name_words ON event_index USING gin (name_words)`.execute(db);
  await sql`DROP INDEX IF EXISTS event_index_names`.execute(db);
  // (key, word): `w:word`, `d:deletion`, `s:sound` -> word. One btree answers every lookup (GIN on arrays here was
  // misestimated by the planner, which then scanned the whole lexicon).
  await sql`
    CREATE TABLE name_lexicon (
      key text NOT NULL,
      word text NOT NULL,
      PRIMARY KEY (key, word)
    )`.execute(db);
  // The version of the projection's columns the rows of event_index were computed with (1: before name words).
  await sql`CREATE TABLE projection_state (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`.execute(
    db,
  );
  await sql`INSERT INTO projection_state (id, version) SELECT 1, 1 WHERE EXISTS (SELECT 1 FROM event_index)`.execute(
    db,
  );
}
