import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '../../db/connect.ts';
import { trainingDatabase } from '../../db/training.ts';
import { readEnv, trainingEnv } from '../../lib/env.ts';
import { createRuntime, type Runtime } from '../../server.ts';
import { birthDeclaration } from '../../test/declarations.ts';
import {
  bearer,
  login,
  seedFixtureFiles,
  startTestRuntime,
  testDatabaseKind,
  type TestRuntime,
} from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

describe('help', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(() => runtime?.close());

  it("gives each page's help from the country's markdown, in English and French, without raw HTML", async () => {
    const en = await runtime.app.inject({ method: 'GET', url: '/api/help/team' });
    expect(en.statusCode).toBe(200);
    expect(en.json().html).toContain('<h2>Your team</h2>');
    expect(en.json().html).toContain('<strong>Create user</strong>');
    const fr = await runtime.app.inject({ method: 'GET', url: '/api/help/team?lang=fr' });
    expect(fr.json().html).toContain('<h2>Votre équipe</h2>');
    const news = await runtime.app.inject({ method: 'GET', url: '/api/help/whats-new?lang=fr' });
    expect(news.json().html).toContain('Nouveautés');
    expect((await runtime.app.inject({ method: 'GET', url: '/api/help/nowhere' })).statusCode).toBe(400);
  });

  it('names the support desk, and says whether this is practice mode', async () => {
    const index = (await runtime.app.inject({ method: 'GET', url: '/api/help?lang=fr' })).json();
    expect(index.support).toEqual({
      name: 'Assistance de l’état civil',
      email: 'support@crvs.farajaland.example',
      phone: '0800 100 200',
      hours: 'Du lundi au vendredi, de 8 h à 17 h',
    });
    expect(index.pages).toContain('record');
    expect(index.training).toBe(false);
  });
});

/** Practice mode beside a real register, on the same data folder (embedded) or the same database (PostgreSQL). */
describe('practice mode', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-training-'));
  const jwtKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const env = readEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    JWT_PRIVATE_KEY: jwtKey,
    AUTH_DEV_CODE: '000000',
    OUTBOX_WORKER: 'false',
  });
  let real: Runtime;
  let practice: Runtime;
  const schemas: string[] = [];

  async function databases(): Promise<{ real: ConnectOptions; practice: ConnectOptions }> {
    if (testDatabaseKind() === 'pglite') {
      // The practice folder is DATA_DIR/training: what `lifeline start --training` uses.
      return { real: { dataDir }, practice: { dataDir: trainingEnv(env).dataDir } };
    }
    const url = process.env.TEST_DATABASE_URL!;
    const suffix = randomBytes(4).toString('hex');
    const realSchema = `test_real_${suffix}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${realSchema}`);
    await client.end();
    schemas.push(realSchema, `test_training_${suffix}`);
    return {
      real: { databaseUrl: url, searchPath: `${realSchema},public`, poolSize: 4 },
      practice: await trainingDatabase(url, 4, `test_training_${suffix}`),
    };
  }

  beforeAll(async () => {
    const db = await databases();
    real = await createRuntime({ ...env, seedDemoUsers: true }, { database: db.real });
    practice = await createRuntime(trainingEnv(env), { database: db.practice });
    await seedFixtureFiles(practice);
  });
  afterAll(async () => {
    await practice?.close();
    await real?.close();
    if (schemas.length) {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a banner, lets a trainee register, and never touches the real register', async () => {
    const trainee = await login(practice, 'k.mweene');
    const config = await practice.app.inject({ method: 'GET', url: '/api/config', headers: bearer(trainee) });
    expect(config.json().training).toBe(true);
    const api = recordsClient(practice);
    const record = (await api.create(trainee, 'birth')).json();
    const registered = await api.act(trainee, record.id, 'REGISTER', { declaration: birthDeclaration() });
    expect(registered.statusCode, registered.body).toBe(200);

    const count = async (runtime: Runtime) =>
      Number(
        (
          await runtime.ctx.db
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count(practice)).toBe(1);
    expect(await count(real)).toBe(0);
    const officer = await login(real, 'k.mweene');
    expect(
      (await real.app.inject({ method: 'GET', url: '/api/config', headers: bearer(officer) })).json().training,
    ).toBe(false);
  });

  it('signs with keys of its own: a practice token opens nothing in the real register', async () => {
    expect(practice.keys.kid).not.toBe(real.keys.kid);
    const trainee = await login(practice, 'j.campbell');
    const res = await real.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(trainee) });
    expect(res.statusCode).toBe(401);
  });
});
