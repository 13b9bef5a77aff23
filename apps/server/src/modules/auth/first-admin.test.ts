import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { passwordProblems } from '@lifeline/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInit } from '../../commands/init.ts';
import type { ConnectOptions } from '../../db/connect.ts';
import { readEnv, type ServerEnv } from '../../lib/env.ts';
import { codeIn, startSmtpSink, type SmtpSink } from '../../test/message-sinks.ts';
import { nextMailTo } from '../../test/staff.ts';
import { createRuntime, type Runtime } from '../../server.ts';
import { bearer, testDatabaseKind } from '../../test/harness.ts';

/** `lifeline init` against a fresh production database: on disk for PGlite, a schema of its own on PostgreSQL. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-init-'));
let sink: SmtpSink;
let env: ServerEnv;
let database: ConnectOptions;
let dropSchema = async () => {};

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

beforeAll(async () => {
  // Production sends login codes for real: to an SMTP server started here.
  sink = await startSmtpSink();
  env = readEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    NOTIFICATION_TRANSPORT: 'smtp',
    SMTP_URL: sink.url,
    NOTIFICATION_FROM: 'Lifeline <no-reply@registry.example>',
    OUTBOX_POLL_MS: '50',
  });
  if (testDatabaseKind() === 'postgres') {
    const schema = `test_init_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    // As the harness does: extensions live in public, installed before any migration races to.
    for (const extension of ['pg_trgm', 'fuzzystrmatch', 'unaccent']) {
      await adminQuery(`CREATE EXTENSION IF NOT EXISTS ${extension} SCHEMA public`).catch(() => undefined);
    }
    database = { databaseUrl: process.env.TEST_DATABASE_URL, searchPath: `${schema},public`, poolSize: 4 };
    dropSchema = () => adminQuery(`DROP SCHEMA ${schema} CASCADE`);
  } else {
    database = { dataDir };
  }
});
afterAll(async () => {
  await sink?.close();
  await dropSchema();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('lifeline init', () => {
  let printed: string[] = [];
  let password = '';

  it('creates one national system admin at HQ and prints a one-time password that meets the policy', async () => {
    const refused: string[] = [];
    const noAddress = await runInit(env, ['--username', 'root.admin'], { database, err: (l) => refused.push(l) });
    expect(noAddress).toBe(1);
    expect(refused.join('\n')).toMatch(/email: .*give an email address/);
    const code = await runInit(env, ['--username', 'root.admin', '--email', 'Root@Registry.example'], {
      database,
      out: (line) => printed.push(line),
    });
    expect(code).toBe(0);
    expect(printed.join('\n')).toContain('Login codes will be sent to Root@Registry.example');
    password = /One-time password[^:]*: (\S+)$/.exec(printed.join('\n'))?.[1] ?? '';
    expect(passwordProblems(password)).toEqual([]);
  });

  it('refuses once any user exists', async () => {
    const errors: string[] = [];
    printed = [];
    const code = await runInit(env, ['--email', 'x@registry.example'], {
      database,
      out: (l) => printed.push(l),
      err: (l) => errors.push(l),
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain('users already exist');
    expect(printed).toEqual([]);
  });

  describe('the admin', () => {
    let runtime: Runtime;
    beforeAll(async () => {
      runtime = await createRuntime(env, { database, ephemeralKeys: true });
    });
    afterAll(async () => {
      await runtime?.close();
    });

    it('is the only user, with must_change_password, at the national office', async () => {
      const users = await runtime.ctx.db.selectFrom('users').selectAll().execute();
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({
        username: 'root.admin',
        role: 'NATIONAL_SYSTEM_ADMIN',
        primary_office_id: 'LHUYvwY2Aq1',
        must_change_password: true,
        email: 'root@registry.example',
      });
      expect(users[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(users[0].password_hash).not.toContain(password);
    });

    it('logs in with the printed password and the code sent by email (no demo code in production)', async () => {
      const first = await runtime.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'root.admin', password },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().channel).toBe('email');
      const mail = await nextMailTo(sink, 'root@registry.example', 0);
      const second = await runtime.app.inject({
        method: 'POST',
        url: '/api/auth/verify',
        payload: { nonce: first.json().nonce, code: codeIn(mail.text) },
      });
      expect(second.statusCode).toBe(200);
      const tokens = second.json();

      const me = await runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(tokens) });
      expect(me.json()).toMatchObject({
        username: 'root.admin',
        role: 'NATIONAL_SYSTEM_ADMIN',
        mustChangePassword: true,
      });

      const change = (newPassword: string) =>
        runtime.app.inject({
          method: 'POST',
          url: '/api/users/me/password',
          headers: bearer(tokens),
          payload: { currentPassword: password, newPassword },
        });
      const weak = await change('password');
      expect(weak.statusCode).toBe(400);
      expect(weak.json().errors.map((e: { field: string }) => e.field)).toContain('newPassword');
      expect((await change('Chosen-by-me-2024')).statusCode).toBe(204);
      const after = await runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(tokens) });
      expect(after.json().mustChangePassword).toBe(false);
    });
  });
});
