import { execFileSync, spawn } from 'node:child_process';
import { summarize, type LatencySummary } from '../stats.ts';
import { REPO_ROOT } from '../server.ts';

/**
 * `lifeline reindex` through the real CLI on the benchmark's database, and, where the database allows a second
 * process (PostgreSQL), searches in a loop while it runs: do they keep answering, and how fast.
 */

const CLI = ['apps/server/bin/lifeline.js'];

// Settings of the developer's shell that would change what the CLI does: it gets only ours.
const DROPPED_ENV = ['DATABASE_URL', 'DATA_DIR', 'NODE_ENV', 'LOG_LEVEL', 'DB_POOL_SIZE', 'NODE_OPTIONS'];

export function reindexAvailable(): boolean {
  try {
    const help = execFileSync(process.execPath, [...CLI, 'help'], { cwd: REPO_ROOT, encoding: 'utf8' });
    return /^\s*reindex\s/m.test(help);
  } catch {
    return false;
  }
}

export interface LoopResult {
  label: string;
  queries: number;
  errors: number;
  errorSamples: string[];
  latency: LatencySummary;
}

export interface ReindexRun {
  exitCode: number | null;
  wallSeconds: number;
  /** As the CLI reports it ("reindexed N records in S s (R records/s)"). */
  reportedRecords: number | null;
  reportedSeconds: number | null;
  reportedRate: number | null;
  output: string[];
  /** One entry per search loop run during the reindex (none on the embedded database). */
  loops: LoopResult[];
  /** The copy's progress as the CLI printed it: seconds since start, records done. */
  progress: Array<[number, number]>;
  /** Stopped by the bench after `timeoutSeconds` (the reindex is resumable; the schema is dropped anyway). */
  timedOut: boolean;
}

export interface SearchLoop {
  label: string;
  run: (i: number) => Promise<unknown>;
}

export async function runReindex(
  cliEnv: Record<string, string>,
  loops: readonly SearchLoop[],
  timeoutSeconds: number,
): Promise<ReindexRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of DROPPED_ENV) delete env[key];
  Object.assign(env, { LOG_LEVEL: 'warn', ...cliEnv });
  const t0 = performance.now();
  const child = spawn(process.execPath, [...CLI, 'reindex'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const progress: Array<[number, number]> = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const copied = /^copy: (\d+)\//.exec(line);
      if (copied) progress.push([(performance.now() - t0) / 1000, Number(copied[1])]);
      else if (output.length < 200) output.push(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let running = true;
  let timedOut = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, timeoutSeconds * 1000);
  // Each loop runs its searches back to back until the CLI exits.
  const results = await Promise.all(
    loops.map(async (loop): Promise<LoopResult> => {
      const samples: number[] = [];
      const errors: string[] = [];
      for (let i = 0; running; i++) {
        const s = performance.now();
        try {
          await loop.run(i);
          samples.push(performance.now() - s);
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
      return {
        label: loop.label,
        queries: samples.length + errors.length,
        errors: errors.length,
        errorSamples: [...new Set(errors)].slice(0, 5),
        latency: summarize(samples),
      };
    }),
  );
  const exitCode = await exited;
  clearTimeout(timer);
  const wallSeconds = (performance.now() - t0) / 1000;
  const summary = output.map((l) => /reindexed (\d+) records in ([\d.]+) s \((\d+) records\/s\)/.exec(l)).find(Boolean);
  return {
    exitCode,
    wallSeconds,
    reportedRecords: summary ? Number(summary[1]) : null,
    reportedSeconds: summary ? Number(summary[2]) : null,
    reportedRate: summary ? Number(summary[3]) : null,
    output,
    loops: results,
    progress,
    timedOut,
  };
}
