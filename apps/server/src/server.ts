import type { CountryConfig } from '@lifeline/domain';
import pino from 'pino';
import { buildApp, type ApiApp } from './app.ts';
import type { AppContext } from './context.ts';
import { prepareCountry } from './country.ts';
import { connectDatabase, type ConnectOptions, type DatabaseHandle, type Unlisten } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { asOwner } from './db/owner.ts';
import { trainingDatabase } from './db/training.ts';
import type { ServerEnv } from './lib/env.ts';
import { loadSigningKeys, type SigningKeys } from './modules/auth/keys.ts';
import { startSessionRegistry } from './modules/auth/session-check.ts';
import { createTransports, notificationHandler, templatesOf } from './modules/notifications/index.ts';
import { JobRegistry, OutboxWorker } from './modules/outbox/index.ts';
import { seedLocations } from './modules/locations/seed.ts';
import { startScheduledBackups } from './modules/backup/job.ts';
import { keyFiles } from './modules/backup/key-files.ts';
import { startCheckpoints } from './modules/checkpoints/index.ts';
import { ensureProjectionCurrent } from './modules/reindex/projection-state.ts';
import { ensureRegistrationSequences } from './modules/events/identifiers.ts';
import { seedDemoUsers } from './modules/users/seed.ts';
import { OUTBOX_CHANNEL, startSubscriptionCache, webhookHandler, webhookListener } from './modules/webhooks/index.ts';
import { startSettings } from './modules/settings/runtime.ts';
import { familyMessageHandler, familyMessageJobs } from './modules/families/index.ts';
import { verifiedFieldsHook } from './modules/national-id/index.ts';
import { staffEmailHandler } from './modules/comms/job.ts';
import { loadCountry } from './load-country.ts';

export interface Runtime {
  ctx: AppContext;
  keys: SigningKeys;
  app: ApiApp;
  handle: DatabaseHandle;
  /** The job kinds this server runs in the background (modules register theirs at start). */
  jobs: JobRegistry;
  /** The background job worker (running unless OUTBOX_WORKER=false). */
  worker: OutboxWorker;
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
  /** Where log lines go (stdout by default); tests read them to prove what is never logged. */
  logStream?: pino.DestinationStream;
}

/**
 * Everything a running Lifeline needs, in start order: the country config (validated first, so a broken config
 * stops the server before it touches data), the database and its migrations, seed data, keys, the HTTP app.
 */
export async function createRuntime(env: ServerEnv, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = pino({ level: env.logLevel }, options.logStream);
  const country = prepareCountry(options.country ?? (await loadCountry()));
  const connection =
    options.database ??
    (env.training && env.databaseUrl
      ? await trainingDatabase(env.databaseOwnerUrl ?? env.databaseUrl, env.dbPoolSize, undefined, env.databaseUrl)
      : { databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: env.dbPoolSize });
  const handle = options.sharedDatabase ?? (await connectDatabase(connection));
  const closeDatabase = () => (options.sharedDatabase ? Promise.resolve() : handle.close());
  let stopListening: Unlisten = async () => undefined;
  try {
    const ctx: AppContext = { db: handle.db, dbKind: handle.kind, country, env, log };
    // Schema changes as the owner, then the server's role granted what it may do (db/roles.ts).
    await asOwner(handle, !options.sharedDatabase && env.databaseOwnerUrl, connection.searchPath, async (owner) => {
      const applied = await migrateToLatest(owner, handle.schema);
      if (applied.length) log.info({ applied }, 'database migrated');
      // A rebuild creates and renames tables: the owner's work too; so are the registration number sequences.
      await ensureProjectionCurrent({ ...ctx, db: owner });
      await ensureRegistrationSequences(owner, country.events.keys());
    });
    templatesOf(country); // messages are needed from the first login: stop now if the country has none
    const sessions = await startSessionRegistry(ctx, handle.listen);
    ctx.sessions = sessions.registry;
    const stopSettings = await startSettings(ctx, handle.listen).catch(async (error: unknown) => {
      await sessions.stop();
      throw error;
    });
    const subscriptions = await startSubscriptionCache(ctx, handle.listen);
    ctx.webhookSubscriptions = subscriptions.cache;
    stopListening = async () => {
      await subscriptions.stop();
      await stopSettings();
      await sessions.stop();
    };
    await seedLocations(ctx);
    if (env.seedDemoUsers) await seedDemoUsers(ctx);
    const keys = await loadSigningKeys(options.ephemeralKeys ? null : env.dataDir, env.jwtPrivateKey);
    const transports = createTransports(env, log);
    const jobs = new JobRegistry();
    jobs.register(notificationHandler(ctx, transports));
    jobs.register(webhookHandler(ctx, env.webhookTimeoutMs));
    ctx.recordListeners = [...(ctx.recordListeners ?? []), webhookListener(ctx)];
    jobs.register(familyMessageHandler(ctx, transports));
    jobs.register(staffEmailHandler(transports));
    ctx.recordJobs = [...(ctx.recordJobs ?? []), familyMessageJobs(ctx)];
    // Fields vouched for by the national ID provider stay locked and their checks go on the record's history.
    if (env.oidc) ctx.beforeRecordWrite = [...(ctx.beforeRecordWrite ?? []), verifiedFieldsHook()];
    const worker = new OutboxWorker(ctx.db, jobs, log, {
      pollMs: env.outboxPollMs,
      retryBaseMs: env.outboxRetryBaseMs,
    });
    if (env.outboxWorker) {
      ctx.outbox = worker;
      worker.start();
      // Jobs committed by any copy (webhook deliveries) announce themselves: every worker looks at once.
      const stopSessions = stopListening;
      const stopOutbox = await handle.listen(OUTBOX_CHANNEL, {
        message: () => worker.kick(),
        listening: () => worker.kick(),
        lost: () => log.warn('lost the outbox channel: jobs are found by polling until it is back'),
      });
      stopListening = async () => {
        await stopOutbox();
        await stopSessions();
      };
    }
    const app = await buildApp(ctx, keys);
    const stopCheckpoints = startCheckpoints(ctx, env.checkpointIntervalSeconds);
    const stopBackups =
      env.backupDir && env.backupPassphrase
        ? startScheduledBackups(ctx, {
            dir: env.backupDir,
            hours: env.backupIntervalHours,
            passphrase: env.backupPassphrase,
            keys: () => keyFiles(env),
          })
        : async () => undefined;
    return {
      ctx,
      keys,
      app,
      handle,
      jobs,
      worker,
      close: async () => {
        await worker.stop();
        await stopCheckpoints();
        await stopBackups();
        await app.close();
        for (const transport of Object.values(transports)) transport.close?.();
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
