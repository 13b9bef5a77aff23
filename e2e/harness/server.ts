import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  /** The environment it runs with (the data folder, ports...), for CLI commands on the same data. */
  env: NodeJS.ProcessEnv;
  /**
   * The first administrator `lifeline init` created before a default start (a password to change at first login);
   * absent when the caller gave its own environment (and runs init itself).
   */
  firstAdmin?: { username: string; password: string };
  stop(): Promise<void>;
}

/** `lifeline init` on the fresh database: the first administrator and their one-time password. */
async function initFirstAdmin(env: NodeJS.ProcessEnv, username: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['apps/server/bin/lifeline.js', 'init', '--username', username, '--email', `${username}@example.com`],
    { cwd: ROOT, env },
  );
  const password = /One-time password[^:]*: (\S+)/.exec(stdout)?.[1];
  if (!password) throw new Error(`lifeline init printed no password:\n${stdout}`);
  return password;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s:\n${output()}`);
}

/** The environment of a journey's server: a fresh data folder, a free port, and `overrides` over the demo defaults. */
export async function serverEnv(overrides: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lifeline-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    AUTH_DEV_CODE: '000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  return { ...env, ...overrides };
}

/**
 * Start the real server (`lifeline start`) on a free port with a fresh embedded database, demo users, and the
 * demo login code 000000 (or with `env` from serverEnv). It serves the built web app: `npm test` builds it first.
 */
export async function startServer(given?: NodeJS.ProcessEnv): Promise<RunningServer> {
  if (!existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('apps/web/dist is missing: run `npm run build` before the browser journeys');
  }
  const env = given ?? (await serverEnv());
  const port = Number(env.PORT);
  const dataDir = env.DATA_DIR!;
  let firstAdmin: RunningServer['firstAdmin'];
  if (!given) {
    firstAdmin = { username: 'e2e.admin', password: '' };
    firstAdmin.password = await initFirstAdmin(env, firstAdmin.username);
  }
  const child = spawn(process.execPath, ['apps/server/bin/lifeline.js', 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => log, 240_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, env, firstAdmin, stop };
}
