import { lexiconSearchKeys, wordVariants } from '@lifeline/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** At most this many lexicon words stand for one searched word (the closest): bounds the index work. */
export const MAX_EXPANSIONS = 48;

/** Searched word -> the lexicon words that may stand for it (none: no record has a word like it). */
export type Expansions = ReadonlyMap<string, readonly string[]>;

/**
 * Look up, in the lexicon of every word on any record, the words each searched word may stand for: itself, its
 * configured variants (nicknames, transliterations), words one edit away (typo, missing or extra letter, swapped
 * neighbours: they share a one-letter deletion), and words that sound the same (double metaphone) within two
 * edits. One round trip for all the words; each lookup is an index scan of the lexicon's keys.
 */
export async function expandWords(
  db: Db,
  words: Iterable<string>,
  variants: ReadonlyMap<string, string>,
): Promise<Map<string, string[]>> {
  const unique = [...new Set(words)];
  const expansions = new Map<string, string[]>(unique.map((w) => [w, []]));
  if (!unique.length) return expansions;
  const lookups = unique.map((word) => {
    const same = wordVariants(word, variants);
    return sql`(SELECT ${word}::text AS searched, word FROM (
        SELECT DISTINCT word FROM name_lexicon
        WHERE key = ANY(${lexiconSearchKeys(word, variants)}::text[])
          AND (left(key, 2) <> 's:' OR levenshtein(word, ${word}) <= 2)) found
      ORDER BY word = ANY(${same}::text[]) DESC, levenshtein(word, ${word}), word
      LIMIT ${MAX_EXPANSIONS})`;
  });
  const { rows } = await sql<{ searched: string; word: string }>`${sql.join(lookups, sql` UNION ALL `)}`.execute(db);
  for (const row of rows) expansions.get(row.searched)!.push(row.word);
  return expansions;
}
