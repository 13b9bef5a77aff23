import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Named prepared statements for the write path. A statement whose text starts with this comment is sent to
 * PostgreSQL as a named statement (node-postgres' `name` option): the server parses and plans it once per
 * connection, not on every action (re-parsing and re-planning the two big statements was ~45% of the database's
 * time per write, issue 15). The name is a hash of the text, so a text always has one name. PGlite reads the mark
 * as the comment it is and runs the statement as before.
 */
export const PREPARED_MARK = '/*prepared*/';

/** More distinct texts than this on one connection are sent unnamed: a bound on the server's memory. */
const MAX_PER_CONNECTION = 200;
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `l${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/** Make the pool's connections send marked statements as named prepared statements. */
export function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    const prepared = new Set<string>();
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text !== 'string' || !text.startsWith(PREPARED_MARK) || typeof args[2] === 'function') {
        return query(...args);
      }
      const name = nameOf(text);
      if (!prepared.has(name)) {
        if (prepared.size >= MAX_PER_CONNECTION) return query(...args);
        prepared.add(name);
      }
      return query({ name, text, values });
    };
  });
}
