import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from './test/harness.ts';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../bin/lifeline.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not answer in time');
}

// The CLI runs on the embedded database; one project is enough.
describe.runIf(testDatabaseKind() === 'pglite')('lifeline check-config', () => {
  it('stops with a message naming the file and the field of a broken country config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-country-'));
    const module = path.join(dir, 'country.mjs');
    writeFileSync(
      module,
      `export function countryConfigParts() {
        return [{ section: 'settings', file: 'countries/atlantis/src/settings.ts',
                  data: { countryCode: 'ATL', countryName: 'Atlantis', languages: ['en'], defaultLanguage: 'en',
                          timeZone: 'Mars/Olympus', currency: { code: 'USD' }, phoneNumberPattern: '.',
                          nationalIdPattern: '.', registrationNumberFormat: '{seq:6}' } }];
      }`,
    );
    const result = await run('node', [CLI, 'check-config'], { env: { ...process.env, LIFELINE_COUNTRY: module } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid country config in countries/atlantis/src/settings.ts at timeZone');
  });

  it('accepts Farajaland', async () => {
    const { stdout } = await run('node', [CLI, 'check-config']);
    expect(stdout).toContain('country config is valid: 3 event types, 10 roles');
  });
});

describe.runIf(testDatabaseKind() === 'pglite')('lifeline start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-start-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(port: number) {
    const child = spawn('node', [CLI, 'start'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    children.push(child);
    await waitForHealth(`http://127.0.0.1:${port}`, child);
    return child;
  }

  it('serves Farajaland from an empty data folder, with its docs and keys, and keeps them over a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    let child = await start(port);
    const startup = Date.now() - started;
    expect(startup).toBeLessThan(60_000);

    const count = async (type: string) =>
      ((await (await fetch(`${base}/api/locations?type=${type}&limit=1`)).json()) as { total: number }).total;
    expect(await count('CRVS_OFFICE')).toBe(82);
    expect(await count('HEALTH_FACILITY')).toBe(313);
    expect(await count('ADMIN_AREA')).toBe(83);

    const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/events', '/api/events/{id}/actions/{type}', '/api/auth/login', '/api/locations']),
    );
    const docs = await fetch(`${base}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<html');

    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys).toHaveLength(2); // the token key and the certificate signing key
    expect(existsSync(path.join(dataDir, 'keys', 'token-signing.pem'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'keys', 'certificate-signing.pem'))).toBe(true);

    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    child = await start(port);
    const again = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(again.keys[0].kid).toBe(jwks.keys[0].kid);
    expect(again.keys[1].kid).toBe(jwks.keys[1].kid);
  });
});
