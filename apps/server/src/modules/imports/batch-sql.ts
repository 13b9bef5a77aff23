import { PREPARED_MARK } from '../../db/prepared.ts';

/**
 * The statements an import batch runs, each of constant text whatever the batch holds (the rows travel as JSON
 * parameters, unpacked by json_to_recordset), so PostgreSQL parses and plans each once per connection (named
 * prepared statements, db/prepared.ts) and a batch of 1,000 records is two round trips, not thousands.
 */

/** Column lists with their types, as json_to_recordset reads them. jsonb columns arrive as JSON text. */
const EVENTS = `id uuid, type text, tracking_id text, created_at timestamptz, version int, last_seq int,
  last_hash text, audit_hash text`;
const ACTIONS = `id uuid, event_id uuid, seq int, type text, status text, transaction_id text, created_by text,
  created_by_role text, created_at_location text, created_at timestamptz, declaration text, annotation text,
  content text, registration_number text, prev_hash text, hash text`;
const INDEX = `event_id uuid, type text, tracking_id text, status text, flags text[], assigned_to text,
  declaration text, registration_number text, title text, date_of_event date, place_of_event text,
  place_of_event_path text, created_by text, created_at_location text, created_at_location_path text,
  created_at timestamptz, updated_at timestamptz, declared_at timestamptz, registered_at timestamptz,
  registered_at_location text, version int, names text, ids text[], name_keys text[], name_words text[],
  created_by_user_type text, updated_by text, updated_by_role text, updated_at_location text, legal_statuses text`;
const FACTS = `event_id uuid, event_type text, registered_on date, event_date date, area1 text, area2 text,
  area3 text, area4 text, office_id text, registrar_id text, sex text, timeliness text, place_type text,
  age_group text, mother_age_group text, subject_age smallint, mother_age smallint, birth_weight real,
  cause_chapter text, days_to_register int, declaration_days real, quality text[], revoked boolean`;
const AUDIT = `at timestamptz, stream text, actor_id text, actor_role text, action text, subject_type text,
  subject_id text, ip text, details text, prev_hash text, hash text`;

const names = (columns: string) => columns.split(',').map((c) => c.trim().split(/\s+/)[0]);
/** The SELECT list: jsonb columns parsed from their text, defaults where a row leaves a column out. */
function select(columns: string, jsonb: string[], defaults: Record<string, string> = {}) {
  return names(columns)
    .map((c) => (jsonb.includes(c) ? `${c}::jsonb` : defaults[c] ? `coalesce(${c}, ${defaults[c]})` : c))
    .join(', ');
}

/**
 * Everything a batch writes, in one statement: the records (events, their two actions, projection, statistics
 * row, audit entry), the new name words for search, the refused rows and the import's mark. Data-modifying CTEs
 * all run; the foreign keys are checked at the end of the statement, when every row is there.
 *
 * $1 events, $2 actions, $3 projections, $4 statistics rows, $5 audit entries, $6 lexicon rows, $7 refusals, $14
 * possible duplicates (JSON arrays); $8 import id, $9 last row, $10 imported, $11 refused, $12 skipped, $13 bytes
 * read, $15 rows with possible duplicates.
 */
export const WRITE_BATCH = `${PREPARED_MARK}
WITH events_written AS (
  INSERT INTO events (${names(EVENTS).join(', ')})
  SELECT ${select(EVENTS, [])} FROM json_to_recordset($1::json) AS r(${EVENTS})
), actions_written AS (
  INSERT INTO event_actions (${names(ACTIONS).join(', ')})
  SELECT ${select(ACTIONS, ['declaration', 'annotation', 'content'])} FROM json_to_recordset($2::json) AS r(${ACTIONS})
), index_written AS (
  INSERT INTO event_index (${names(INDEX).join(', ')})
  SELECT ${select(INDEX, ['declaration', 'legal_statuses'], { flags: `'{}'`, ids: `'{}'`, name_keys: `'{}'`, name_words: `'{}'`, title: `''`, names: `''` })}
  FROM json_to_recordset($3::json) AS r(${INDEX})
), facts_written AS (
  INSERT INTO registration_facts (${names(FACTS).join(', ')})
  SELECT ${select(FACTS, [], { quality: `'{}'`, revoked: 'false' })} FROM json_to_recordset($4::json) AS r(${FACTS})
), audit_written AS (
  INSERT INTO audit_log (${names(AUDIT).join(', ')})
  SELECT ${select(AUDIT, ['details'])} FROM json_to_recordset($5::json) AS r(${AUDIT})
), words_written AS (
  -- Sorted: two writers adding the same new words take them in the same order and never deadlock.
  INSERT INTO name_lexicon (key, word)
  SELECT key, word FROM json_to_recordset($6::json) AS r(key text, word text) ORDER BY key, word
  ON CONFLICT (key, word) DO NOTHING
), refusals_written AS (
  INSERT INTO import_refusals (import_id, "row", registration_number, reasons)
  SELECT $8::uuid, "row", registration_number, reasons
  FROM json_to_recordset($7::json) AS r("row" int, registration_number text, reasons text[])
  ON CONFLICT (import_id, row) DO NOTHING
), duplicates_written AS (
  INSERT INTO import_duplicates (import_id, "row", registration_number, event_id, matched_event_id,
    matched_registration_number, matched_row, rules, score)
  SELECT $8::uuid, "row", registration_number, event_id, matched_event_id, matched_registration_number, matched_row,
    rules, score
  FROM json_to_recordset($14::json) AS r("row" int, registration_number text, event_id uuid, matched_event_id uuid,
    matched_registration_number text, matched_row int, rules text[], score real)
  ON CONFLICT (import_id, "row", matched_event_id) DO NOTHING
)
UPDATE imports SET rows = $9::int, imported = imported + $10::int, refused = refused + $11::int,
  skipped = skipped + $12::int, bytes_read = $13::bigint, duplicates = duplicates + $15::int, updated_at = now()
WHERE id = $8::uuid`;

/**
 * What the register holds of a batch, in one statement: rows an earlier run wrote (by the create's transaction
 * id), registration numbers taken, records with the same names and date of event (one probe of the
 * (date_of_event, md5(names)) index per row, migration 0192), tracking ids taken.
 * $1 transaction ids, $2 registration numbers, $3 event type, $4 dates of event, $5 names, $6 tracking ids.
 */
export const READ_REGISTER = `${PREPARED_MARK}
SELECT 'done' AS kind, transaction_id AS key, NULL::text AS number
  FROM event_actions WHERE type = 'CREATE' AND transaction_id = ANY($1::text[])
UNION ALL
SELECT 'number', registration_number, NULL FROM event_actions WHERE registration_number = ANY($2::text[])
UNION ALL
SELECT 'same', to_char(e.date_of_event, 'YYYY-MM-DD') || '|' || e.names, e.registration_number
  FROM unnest($4::date[], $5::text[]) AS k(d, n)
  JOIN event_index e ON e.date_of_event = k.d AND md5(e.names) = md5(k.n) AND e.names = k.n
  WHERE e.type = $3
UNION ALL
SELECT 'tracking', tracking_id, NULL FROM events WHERE tracking_id = ANY($6::text[])`;
