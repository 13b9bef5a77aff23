import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../server.ts';
import { round } from '../stats.ts';

function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!(n >= 0)) throw new Error(`${name} must be a number >= 0, not "${raw}"`);
  return n;
}

export const settings = {
  seconds: numberSetting('BENCH_SECONDS', 20),
  warmupSeconds: numberSetting('BENCH_WARMUP_SECONDS', 3),
  concurrency: Math.max(1, Math.round(numberSetting('BENCH_CONCURRENCY', 32))),
  rawSeconds: numberSetting('BENCH_RAW_SECONDS', 5),
  poolSize: Math.max(1, Math.round(numberSetting('BENCH_DB_POOL_SIZE', 16))),
  /** The share of declarations that declare an already registered child again (true duplicates). */
  duplicateShare: numberSetting('BENCH_DUPLICATE_SHARE', 0.03),
  /** Write a V8 CPU profile of the server per database into bench/results/profiles. */
  profile: process.env.BENCH_PROFILE === '1',
  /** Skip the embedded database (PostgreSQL and the ceiling only). */
  skipPglite: process.env.BENCH_SKIP_PGLITE === '1',
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  /** The maximum share of failed requests before the run fails. */
  maxFailureRate: 0.001,
};
if (!(settings.seconds > 0)) throw new Error('BENCH_SECONDS must be above 0');
if (settings.duplicateShare >= 0.5) throw new Error('BENCH_DUPLICATE_SHARE must be below 0.5');

export const TARGET = {
  database: 'postgres',
  cores: 2,
  concurrency: 32,
  workflowsPerSecond: 150,
  writeP95Ms: 100,
  ofCeiling: 0.6,
};
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
