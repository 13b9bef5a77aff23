import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { prepareMarkedStatements } from './prepared.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL schema in use when not the default one. */
  schema?: string;
  /** Receive NOTIFY messages of a channel (PostgreSQL LISTEN; PGlite's listen). */
  listen(channel: string, handlers: ListenHandlers): Promise<Unlisten>;
  close(): Promise<void>;
}

export type Unlisten = () => Promise<void>;

export interface ListenHandlers {
  message(payload: string): void;
  /** Listening (again): messages from now on arrive. */
  listening(): void;
  /** The listening connection was lost: messages may be missed until `listening` is called again. */
  lost(): void;
}

// DATE columns are calendar dates: keep them as "YYYY-MM-DD" text rather than UTC midnights.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// count(*) and bigint ids fit in a JS number for any registry's lifetime.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface ConnectOptions {
  /** A PostgreSQL server URL; when absent the embedded database in `dataDir` is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; absent = in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Schema to use on a PostgreSQL server (tests give each file its own). */
  searchPath?: string;
}

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 16,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    prepareMarkedStatements(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      schema: options.searchPath?.split(',')[0],
      listen: (channel, handlers) => listenOnServer(options.databaseUrl!, channel, handlers),
      close: () => db.destroy(),
    };
  }
  let dataPath: string | undefined;
  if (options.dataDir) {
    dataPath = path.resolve(options.dataDir, 'pgdata');
    mkdirSync(dataPath, { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dataPath ? { dataDir: dataPath } : {}),
    // Search and deduplication use these; PostgreSQL servers ship them in contrib.
    extensions: { pg_trgm, fuzzystrmatch, unaccent },
    parsers: {
      [pg.types.builtins.DATE]: (v: string) => v,
      [pg.types.builtins.INT8]: (v: string) => Number(v),
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    listen: async (channel, handlers) => {
      const unlisten = await pglite.listen(channel, (payload) => handlers.message(payload));
      handlers.listening();
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    close: () => db.destroy(),
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). When it drops, `lost` tells
 * the caller that messages may have been missed, and it reconnects every second until it listens again.
 */
async function listenOnServer(url: string, channel: string, handlers: ListenHandlers): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const reconnectLater = () => {
    if (!stopped) retry = setTimeout(() => void connect().catch(reconnectLater), 1000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.message(n.payload ?? '');
    });
    c.on('error', () => undefined); // followed by 'end'
    c.on('end', () => {
      if (client !== c || stopped) return;
      client = null;
      handlers.lost();
      reconnectLater();
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await c.end());
    client = c;
    handlers.listening();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end();
  };
}
