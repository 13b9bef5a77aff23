import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
    ...(envOverrides.NODE_ENV === 'production' && !envOverrides.NOTIFICATION_TRANSPORT ? UNREACHABLE_SMTP : {}),
    ...envOverrides,
  });
  const kind = testDatabaseKind();
  if (kind === 'pglite') {
    const runtime = await createRuntime(env, { database: {}, ephemeralKeys: true, ...options });
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
