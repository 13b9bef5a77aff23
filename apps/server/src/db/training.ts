import pg from 'pg';
import type { ConnectOptions } from './connect.ts';

/** The schema practice mode uses on a PostgreSQL server: beside the real one, never in it. */
export const TRAINING_SCHEMA = 'lifeline_training';

/**
 * Connection options for practice mode on a PostgreSQL server: the same database, a schema of its own (created if
 * needed), with `public` after it for the extensions. The real register's tables are not on its search path.
 */
export async function trainingDatabase(
  databaseUrl: string,
  poolSize: number,
  schema = TRAINING_SCHEMA,
  /** The server's own role's URL when `databaseUrl` is the owner's (DATABASE_OWNER_URL). */
  appUrl = databaseUrl,
): Promise<ConnectOptions> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
  return { databaseUrl: appUrl, poolSize, searchPath: `${schema},public` };
}
