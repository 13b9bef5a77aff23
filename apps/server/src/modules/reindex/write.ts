import { tokenWords } from '@lifeline/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { addToLexicon } from '../search/lexicon.ts';
import type { Rebuilt } from './replay.ts';
import type { FactsWrite } from '../statistics/tables.ts';
import { FACTS_REBUILD_TABLE, REBUILD_TABLE } from './table.ts';

/**
 * Rows as ONE JSON parameter, expanded by PostgreSQL: a thousand rows as bound values are ~25,000 parameters to
 * send, bind and plan. Arrays become arrays and ISO timestamps timestamps, exactly as the bound values would; the
 * columns come from the rows, so any column they leave out keeps its default. A declaration an action holds as
 * is (see storedDeclaration) is copied from it: parsing declarations was most of the database's work here.
 */
export function insertRows(rows: readonly Rebuilt[], when: RawBuilder<unknown> = sql`true`) {
  const names = Object.keys(rows[0].row);
  const values = names.map((c) =>
    c === 'declaration'
      ? sql`CASE WHEN j ? 'declaration_seq'
          THEN (SELECT a.declaration FROM event_actions a WHERE a.event_id = r.event_id AND a.seq = (j->>'declaration_seq')::int)
          ELSE r.declaration END`
      : sql.ref(`r.${c}`),
  );
  return sql`
    INSERT INTO ${sql.table(REBUILD_TABLE)} (${sql.join(names.map((c) => sql.ref(c)))})
    SELECT ${sql.join(values)}
    FROM jsonb_array_elements(${rowsJson(rows)}::jsonb) AS j, jsonb_populate_record(NULL::${sql.table(REBUILD_TABLE)}, j) AS r
    WHERE ${when}`;
}

/** The statistics rows of these records (none when no record is registered), as insertRows does: one parameter. */
export function insertFacts(rows: readonly Rebuilt[], when: RawBuilder<unknown> = sql`true`) {
  const facts = rows.map((r) => r.facts).filter((f): f is FactsWrite => f !== null);
  if (!facts.length) return null;
  const names = Object.keys(facts[0]).map((c) => sql.ref(c));
  return sql`
    INSERT INTO ${sql.table(FACTS_REBUILD_TABLE)} (${sql.join(names)})
    SELECT ${sql.join(names.map((n) => sql`r.${n}`))}
    FROM jsonb_array_elements(${JSON.stringify(facts)}::jsonb) AS j, jsonb_populate_record(NULL::${sql.table(FACTS_REBUILD_TABLE)}, j) AS r
    WHERE ${when}`;
}

function rowsJson(rows: readonly Rebuilt[]): string {
  const parts = rows.map(({ row: { declaration, legal_statuses, ...rest }, declarationSeq }) => {
    const head = JSON.stringify(rest);
    // The declaration is JSON text already: spliced in as it is, not parsed and serialised again (so are the legal
    // statuses: as a JSON string they would land in the jsonb column as a string).
    const tail = declarationSeq === null ? `"declaration":${declaration}` : `"declaration_seq":${declarationSeq}`;
    const legal = legal_statuses ? `,"legal_statuses":${legal_statuses}` : '';
    return `${head.slice(0, -1)},${tail}${legal}}`;
  });
  return `[${parts.join(',')}]`;
}

/**
 * The lexicon INSERT for the words of these rows that this rebuild has not added yet (null when none): every word
 * of the new table must be in the live name_lexicon, and asking for each word once keeps it cheap.
 */
export function addWords(db: Db, rows: readonly Rebuilt[], added: Set<string>) {
  const fresh = tokenWords(rows.flatMap((r) => r.row.name_words)).filter((word) => !added.has(word));
  // Counted as added now: batches are written in order, and a failed one fails the whole rebuild.
  for (const word of fresh) added.add(word);
  // A word is its own token: tokenWords keeps what follows a token's last ':'.
  return addToLexicon(db, fresh);
}
