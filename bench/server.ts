import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const AUTH_DEV_CODE = '000000';

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  dataDir: string;
  /** PostgreSQL server URL; absent = the embedded database in dataDir. */
  databaseUrl?: string;
  poolSize: number;
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof). */
  cpuProfileDir?: string;
}

export interface ServerProcess {
  origin: string;
  pid: number;
  /** The server's own output (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
  /** SIGTERM, then wait for the graceful shutdown; returns the exit code. */
  stop(): Promise<number | null>;
}

// Settings of the developer's shell that would change what the server does: the child gets only ours.
const DROPPED_ENV = [
  'DATABASE_URL',
  'NODE_ENV',
  'SEED_DEMO_USERS',
  'JWT_PRIVATE_KEY',
  'HOST',
  'PORT',
  'DATA_DIR',
  'DB_POOL_SIZE',
  'LOG_LEVEL',
  'AUTH_DEV_CODE',
  'AUTH_RATE_LIMIT_PER_MINUTE',
  'NODE_OPTIONS',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `node apps/server/bin/lifeline.js start` in a child process; resolves when GET /api/health answers 200. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of DROPPED_ENV) delete env[key];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    AUTH_DEV_CODE,
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    DB_POOL_SIZE: String(options.poolSize),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'apps/server/bin/lifeline.js', 'start'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() && output.length < 1000) output.push(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve(exitCode);
    }),
  );

  const deadline = performance.now() + 120_000;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`the server exited (code ${exitCode}) before answering:\n${output.join('\n')}`);
    }
    try {
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health within 120 s:\n${output.join('\n')}`);
    }
    await sleep(100);
  }

  return {
    origin,
    pid: child.pid ?? -1,
    output,
    stop: async () => {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
