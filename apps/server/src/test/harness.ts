import { randomBytes } from 'node:crypto';
import { FIXTURE_FILES } from '@lifeline/farajaland/fixtures';
import pg from 'pg';
import { insertFile, recordUpload } from '../modules/files/repository.ts';
import { readEnv, type ServerEnv } from '../lib/env.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../server.ts';

/**
 * Test runtime: the real server on a real database. `TEST_DB=postgres` (with TEST_DATABASE_URL) runs it on the
 * PostgreSQL server in a schema of its own, dropped afterwards; otherwise on an in-memory embedded database.
 */
export interface TestRuntime extends Runtime {
  dbName: 'pglite' | 'postgres';
}

export const DEV_CODE = '000000';

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** A production runtime needs a transport that reaches people: by default one whose server is not there. */
const UNREACHABLE_SMTP = {
  NOTIFICATION_TRANSPORT: 'smtp',
  SMTP_URL: 'smtp://127.0.0.1:9',
  NOTIFICATION_FROM: 'Lifeline tests <lifeline@example.com>',
};

export async function startTestRuntime(
  envOverrides: Record<string, string> = {},
  options: Pick<RuntimeOptions, 'logStream'> = {},
): Promise<TestRuntime> {
  const env: ServerEnv = readEnv({
    NODE_ENV: 'test',
    AUTH_DEV_CODE: DEV_CODE,
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent-test-data-dir',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    AUTH_IP_FAILED_LOGINS_PER_HOUR: '1000',
    // Tests' webhook subscribers listen on this machine, which webhooks are otherwise refused.
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    ...(envOverrides.NODE_ENV === 'production' && !envOverrides.NOTIFICATION_TRANSPORT ? UNREACHABLE_SMTP : {}),
    ...envOverrides,
  });
  const kind = testDatabaseKind();
  if (kind === 'pglite') {
    const runtime = await createRuntime(env, { database: {}, ephemeralKeys: true, ...options });
    await seedFixtureFiles(runtime);
    return { ...runtime, dbName: 'pglite' };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  // Test files run in parallel: install the extensions once, in public, before any migration races to.
  for (const extension of ['pg_trgm', 'fuzzystrmatch', 'unaccent']) {
    await admin.query(`CREATE EXTENSION IF NOT EXISTS ${extension} SCHEMA public`).catch(() => undefined);
  }
  await admin.end();
  const runtime = await createRuntime(env, {
    database: { databaseUrl: url, searchPath: `${schema},public`, poolSize: 8 },
    ephemeralKeys: true,
    ...options,
  });
  await seedFixtureFiles(runtime);
  return {
    ...runtime,
    dbName: 'postgres',
    close: async () => {
      await runtime.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * The documents the fixture declarations attach, stored as if uploaded (their paths are their SHA-256). Done by
 * startTestRuntime; a test that builds its own runtime calls it before registering fixtures. Idempotent.
 */
export async function seedFixtureFiles(runtime: Pick<Runtime, 'ctx'>): Promise<void> {
  for (const file of FIXTURE_FILES) {
    await insertFile(runtime.ctx.db, {
      id: file.sha256,
      contentType: file.type,
      data: Buffer.from(file.content, 'latin1'),
      createdBy: 'test-fixtures',
    });
  }
  // As if every user had uploaded them: a declaration may only reference files its writer may read.
  const users = await runtime.ctx.db.selectFrom('users').select('id').execute();
  for (const user of users) for (const file of FIXTURE_FILES) await recordUpload(runtime.ctx.db, file.sha256, user.id);
}

/**
 * A second server copy on the first one's database (the same embedded database, or the same schema on the
 * PostgreSQL server), with the same token key: what a load balancer in front of two copies would see.
 */
export async function startSecondCopy(first: TestRuntime): Promise<TestRuntime> {
  const env = readEnv({
    NODE_ENV: 'test',
    AUTH_DEV_CODE: DEV_CODE,
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent-test-data-dir',
    AUTH_RATE_LIMIT_PER_MINUTE: String(first.ctx.env.authRateLimitPerMinute),
    AUTH_IP_FAILED_LOGINS_PER_HOUR: String(first.ctx.env.authIpFailedLoginsPerHour),
    JWT_PRIVATE_KEY: first.keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    WEBHOOK_ALLOWED_HOSTS: first.ctx.env.webhookAllowedHosts.join(','),
  });
  if (first.dbName === 'pglite') {
    const runtime = await createRuntime(env, { sharedDatabase: first.handle, ephemeralKeys: true });
    return { ...runtime, dbName: 'pglite' };
  }
  const runtime = await createRuntime(env, {
    database: { databaseUrl: process.env.TEST_DATABASE_URL!, searchPath: `${first.handle.schema},public`, poolSize: 4 },
    ephemeralKeys: true,
  });
  return { ...runtime, dbName: 'postgres' };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** Log in through the real two-step flow (password, then the demo one-time code). */
export async function login(runtime: Runtime, username: string, password = 'test'): Promise<Tokens> {
  const first = await runtime.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (first.statusCode !== 200) throw new Error(`login ${username}: ${first.statusCode} ${first.body}`);
  const { nonce } = first.json() as { nonce: string };
  const second = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { nonce, code: DEV_CODE },
  });
  if (second.statusCode !== 200) throw new Error(`verify ${username}: ${second.statusCode} ${second.body}`);
  return second.json() as Tokens;
}

export function bearer(tokens: Tokens | string) {
  return { authorization: `Bearer ${typeof tokens === 'string' ? tokens : tokens.accessToken}` };
}
