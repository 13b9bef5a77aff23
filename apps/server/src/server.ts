import type { CountryConfig } from '@lifeline/domain';
import pino from 'pino';
import { buildApp, type ApiApp } from './app.ts';
import type { AppContext } from './context.ts';
import { prepareCountry } from './country.ts';
import { connectDatabase, type ConnectOptions, type DatabaseHandle, type Unlisten } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { ServerEnv } from './lib/env.ts';
import { loadSigningKeys, type SigningKeys } from './modules/auth/keys.ts';
import { startSessionRegistry } from './modules/auth/session-check.ts';
import { seedLocations } from './modules/locations/seed.ts';
import { ensureProjectionCurrent } from './modules/reindex/projection-state.ts';
import { seedDemoUsers } from './modules/users/seed.ts';
import { loadCountry } from './load-country.ts';

export interface Runtime {
  ctx: AppContext;
  keys: SigningKeys;
  app: ApiApp;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Database connection; defaults to the env (DATABASE_URL, else embedded in DATA_DIR). */
  database?: ConnectOptions;
  /** Country config; defaults to Farajaland. */
  country?: CountryConfig;
  /** Keep signing keys in memory only (tests). */
  ephemeralKeys?: boolean;
  /** An open database another runtime also uses (a second server copy in tests); not closed by this one. */
  sharedDatabase?: DatabaseHandle;
}

/**
 * Everything a running Lifeline needs, in start order: the country config (validated first, so a broken config
 * stops the server before it touches data), the database and its migrations, seed data, keys, the HTTP app.
 */
export async function createRuntime(env: ServerEnv, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = pino({ level: env.logLevel });
  const country = prepareCountry(options.country ?? (await loadCountry()));
  const handle =
    options.sharedDatabase ??
    (await connectDatabase(
      options.database ?? { databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: env.dbPoolSize },
    ));
  const closeDatabase = () => (options.sharedDatabase ? Promise.resolve() : handle.close());
  let stopListening: Unlisten = async () => undefined;
  try {
    const applied = await migrateToLatest(handle.db, handle.schema);
    if (applied.length) log.info({ applied }, 'database migrated');
    const ctx: AppContext = { db: handle.db, dbKind: handle.kind, country, env, log };
    const sessions = await startSessionRegistry(ctx, handle.listen);
    stopListening = sessions.stop;
    ctx.sessions = sessions.registry;
    await ensureProjectionCurrent(ctx);
    await seedLocations(ctx);
    if (env.seedDemoUsers) await seedDemoUsers(ctx);
    const keys = await loadSigningKeys(options.ephemeralKeys ? null : env.dataDir, env.jwtPrivateKey);
    const app = await buildApp(ctx, keys);
    return {
      ctx,
      keys,
      app,
      handle,
      close: async () => {
        await app.close();
        await stopListening();
        await closeDatabase();
      },
    };
  } catch (error) {
    await stopListening();
    await closeDatabase();
    throw error;
  }
}
