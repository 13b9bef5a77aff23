/**
 * Load benchmark: complete birth workflows (create, declare, validate, register: 4 write requests, each one
 * transaction) over real HTTP against the server in a child process, on the embedded database and, when
 * BENCH_DATABASE_URL is set, on a PostgreSQL server, where the minimal same-work server (bench/ceiling) runs
 * next under the same load; then the ratio Lifeline / ceiling. `npm run bench`; settings in bench/README.md.
 */
import os from 'node:os';
import { runCeiling } from '../ceiling/run.ts';
import type { Run } from './measure.ts';
import { runPglite, runPostgres } from './lifeline.ts';
import { compare, report } from './report.ts';
import { machine, settings } from './settings.ts';

async function main(): Promise<number> {
  const m = machine();
  console.log('Lifeline workflow benchmark');
  console.log(
    `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; ` +
      'client, server and database share these cores',
  );
  console.log(
    `settings: BENCH_SECONDS=${settings.seconds} BENCH_WARMUP_SECONDS=${settings.warmupSeconds} ` +
      `BENCH_CONCURRENCY=${settings.concurrency} BENCH_RAW_SECONDS=${settings.rawSeconds} ` +
      `BENCH_DB_POOL_SIZE=${settings.poolSize} BENCH_DUPLICATE_SHARE=${settings.duplicateShare} ` +
      `BENCH_PROFILE=${settings.profile ? 1 : 0} BENCH_SKIP_PGLITE=${settings.skipPglite ? 1 : 0} ` +
      `BENCH_DATABASE_URL=${settings.databaseUrl ? 'set' : 'unset (embedded database only)'}`,
  );
  console.log(
    'workflow: create + DECLARE + VALIDATE as f.katongo, REGISTER as k.mweene (4 write requests); ' +
      `${settings.duplicateShare * 100}% of declarations re-declare a registered child (must be flagged; they stop there)`,
  );

  const runs: [string, () => Promise<Run>][] = [];
  if (!settings.skipPglite) runs.push(['pglite', runPglite]);
  const url = settings.databaseUrl;
  if (url) {
    runs.push(['postgres', () => runPostgres(url)]);
    runs.push(['ceiling', () => runCeiling(url)]);
  }
  const results: Run[] = [];
  for (const [name, run] of runs) {
    console.log(
      `\n-- ${name} -- (load average before: ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')})`,
    );
    results.push(await run());
  }
  const ceiling = results.find((r) => r.name === 'ceiling') ?? null;
  let failed = false;
  for (const run of results) failed = (await report(run, run.name === 'postgres' ? ceiling : null)).failed || failed;
  const postgres = results.find((r) => r.name === 'postgres');
  if (postgres && ceiling) compare(postgres, ceiling);
  if (failed) {
    console.log('\nFAILED: failed requests above 0.1%, a missed duplicate, or a result check did not hold (see above)');
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
