import type { FastifyBaseLogger } from 'fastify';
import type { Country } from './country.ts';
import type { Db } from './db/connect.ts';
import type { ServerEnv } from './lib/env.ts';
import type { SessionRegistry } from './modules/auth/session-registry.ts';
import type { BeforeRecordWrite, RecordChangeListener, RecordJobSource } from './modules/events/changes.ts';
import type { SettingsRuntime } from './modules/settings/runtime.ts';
import type { SubscriptionCache } from './modules/webhooks/subscription-cache.ts';

/** What every service function receives: explicit dependencies, no globals. */
export interface AppContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  country: Country;
  env: ServerEnv;
  log: FastifyBaseLogger;
  /**
   * The revocation check's cache of sessions, kept current on every server copy through LISTEN/NOTIFY (set by
   * createRuntime). Without it every request reads its session from the database.
   */
  sessions?: SessionRegistry;
  /** The live webhook subscriptions, kept current on every copy (set by createRuntime); else read per change. */
  webhookSubscriptions?: SubscriptionCache;
  /** The background job worker of this server, when it runs one: kick it after committing a job. */
  outbox?: { kick(): void };
  /**
   * Modules that act on every record change inside its transaction (webhooks, anchors): registered once by
   * createRuntime, called in order after the change is written.
   */
  recordListeners?: RecordChangeListener[];
  /** Modules whose jobs a record change causes (messages to families): written by the change's own statement. */
  recordJobs?: RecordJobSource[];
  /** Modules that check or annotate an action's planned steps before they are written (identity checks). */
  beforeRecordWrite?: BeforeRecordWrite[];
  /**
   * The country package as loaded and the settings layers over it, followed on every copy (set by createRuntime);
   * `country` is what is in force.
   */
  settings?: SettingsRuntime;
}
