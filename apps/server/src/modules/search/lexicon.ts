import { lexiconKeys, tokenWords } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';

/**
 * The INSERT that adds the words of some name tokens to the lexicon (words already there are skipped). Sorted, so
 * two writers adding the same new words take them in the same order and never deadlock.
 */
export function addToLexicon(db: Db, tokens: readonly string[]) {
  const rows = tokenWords(tokens)
    .flatMap((word) => lexiconKeys(word).map((key) => ({ key, word })))
    .sort((a, b) => (a.key === b.key ? (a.word < b.word ? -1 : 1) : a.key < b.key ? -1 : 1));
  if (!rows.length) return null;
  return db
    .insertInto('name_lexicon')
    .values(rows)
    .onConflict((oc) => oc.columns(['key', 'word']).doNothing());
}

/**
 * The same INSERT as one statement of constant text (two array parameters, whatever the number of words), for the
 * write path's prepared statement; null when there is nothing to add.
 */
export function lexiconRows(tokens: readonly string[]): { keys: string[]; words: string[] } | null {
  const rows = tokenWords(tokens)
    .flatMap((word) => lexiconKeys(word).map((key) => ({ key, word })))
    .sort((a, b) => (a.key === b.key ? (a.word < b.word ? -1 : 1) : a.key < b.key ? -1 : 1));
  if (!rows.length) return null;
  return { keys: rows.map((r) => r.key), words: rows.map((r) => r.word) };
}
