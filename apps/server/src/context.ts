import type { FastifyBaseLogger } from 'fastify';
import type { Country } from './country.ts';
import type { Db } from './db/connect.ts';
import type { ServerEnv } from './lib/env.ts';

/** What every service function receives: explicit dependencies, no globals. */
export interface AppContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  country: Country;
  env: ServerEnv;
  log: FastifyBaseLogger;
  /** The background job worker of this server, when it runs one: kick it after committing a job. */
  outbox?: { kick(): void };
}
