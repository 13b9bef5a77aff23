import { spawn } from 'node:child_process';
import { Api } from '../http.ts';
import { freePort, REPO_ROOT } from '../server.ts';
import { birthsFactory } from '../workflows/births.ts';
import { measure, type Run } from '../workflows/measure.ts';
import { describePostgres, freshSchema, serverUrl } from '../workflows/postgres.ts';
import { settings } from '../workflows/settings.ts';
import { CEILING_TABLES, REGISTERED_IN_CEILING } from './schema.ts';

/** Nobody logs in to the ceiling: it checks no token. */
const ANONYMOUS = { accessToken: undefined };

/** The ceiling server (bench/ceiling/server.ts) on a fresh schema of the same PostgreSQL, under the same load. */
export async function runCeiling(url: string): Promise<Run> {
  const s = await freshSchema(url, 'ceiling');
  try {
    await s.admin.query(`SET search_path = ${s.schema}; ${CEILING_TABLES}`);
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ceiling/server.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: serverUrl(url, s.searchPath, s.applicationName),
        PORT: String(port),
        POOL_SIZE: String(settings.poolSize),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the ceiling server did not start:\n${output.join('')}`)),
        60_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        if (output.join('').includes('listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      void exited.then((code) => reject(new Error(`the ceiling server exited (${code}):\n${output.join('')}`)));
    });
    console.log(`  ceiling server pid ${child.pid} on 127.0.0.1:${port}`);
    const api = new Api(`http://127.0.0.1:${port}`, settings.concurrency + 2);
    const births = birthsFactory(settings.duplicateShare);
    const { load, cpu } = await measure(api, {
      serverPid: child.pid ?? -1,
      agent: ANONYMOUS,
      registrar: ANONYMOUS,
      births,
      detectsDuplicates: false,
      backendPids: s.backendPids,
    });
    await api.close();
    child.kill('SIGTERM');
    const serverExitCode = await exited;
    const registered = await s.admin.query<{ n: number }>(REGISTERED_IN_CEILING);
    return {
      name: 'ceiling',
      load,
      cpu,
      raw: null,
      registeredInDatabase: registered.rows[0].n,
      serverExitCode,
      serverOutput: output
        .join('')
        .split('\n')
        .filter((l) => l.trim() && l.trim() !== 'listening'),
      refreshErrors: [],
      births: births.distinct(),
      details: { ...describePostgres(s, url, settings.poolSize), engine: 'ceiling: Fastify + pg, bench/ceiling' },
    };
  } finally {
    await s.drop();
  }
}
