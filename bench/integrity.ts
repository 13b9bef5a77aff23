/**
 * `npm run bench:integrity`: what the register's self-checks cost. On the embedded database, and on PostgreSQL too
 * when BENCH_DATABASE_URL is set: seed BENCH_RECORDS records (10,000 by default; real hash chains and projections,
 * see bench/search/writer.ts), then time the first signed checkpoint (every head), `verify-log`'s parts (chains:
 * what verify-log did before, the baseline; projections and certificates against the log; checkpoints), and an
 * incremental checkpoint after 1% more records. Figures per 10,000 records.
 */
import os from 'node:os';
import { verifyLogs } from '../apps/server/src/modules/audit/verify.ts';
import { verifyProjections } from '../apps/server/src/modules/audit/projection-check.ts';
import { verifyCheckpoints, writeCheckpoint } from '../apps/server/src/modules/checkpoints/index.ts';
import { loadCertificateKeysFrom } from '../apps/server/src/modules/verify/keys.ts';
import type { ChainProblem } from '../apps/server/src/modules/audit/verify.ts';
import { openPglite, openPostgres, type BenchDatabase } from './search/database.ts';
import { Population } from './search/population.ts';
import { Rng } from './search/prng.ts';
import { seedPopulation } from './search/seed.ts';
import { RecordWriter } from './search/writer.ts';

const records = Number(process.env.BENCH_RECORDS ?? 10_000);
const per10k = (ms: number, n: number) => (ms * 10_000) / n;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

async function measure(bench: BenchDatabase) {
  const ctx = bench.runtime.ctx;
  const config = ctx.country.events.get('birth')!;
  const today = new Date().toISOString().slice(0, 10);
  const population = new Population(ctx.country, 'lifeline-integrity-bench', 0, today);
  const seedOptions = { batch: 500, inFlight: bench.kind === 'postgres' ? 2 : 1, sampleSize: 10 };
  const seeded = await seedPopulation(ctx.db, ctx.country, config, population, {
    ...seedOptions,
    count: records,
    seed: 'lifeline-integrity-bench',
  });
  const keys = await loadCertificateKeysFrom(null);
  const first = await time(() => writeCheckpoint(ctx.db, keys));
  const problems: ChainProblem[] = [];
  const chains = await time(() => verifyLogs(ctx.db));
  const projections = await time(() => verifyProjections(ctx, problems));
  const checkpoints = await time(() => verifyCheckpoints(ctx.db, keys));
  const found = chains.value.problems.length + problems.length + checkpoints.value.problems.length;

  const more = Math.max(1, Math.round(records / 100));
  // 1% more records, numbered after the first ones (tracking ids and numbers apart).
  const extra = new RecordWriter(ctx.db, ctx.country, config, { start: seeded.nextCounter, inFlight: 1 });
  const morePopulation = new Population(ctx.country, 'lifeline-integrity-bench/more', 5_000_000, today);
  await extra.enqueue([...morePopulation.records(more, new Rng('lifeline-integrity-bench/more'))]);
  await extra.drain();
  const incremental = await time(() => writeCheckpoint(ctx.db, keys));
  const total = chains.ms + projections.ms + checkpoints.ms;
  console.log(`\n${bench.details.engine as string}: ${seeded.records} records, ${seeded.actions} actions`);
  console.log(
    `  verify-log, chains only (the baseline, what it did before): ${fmt(per10k(chains.ms, records))} per 10,000 records`,
  );
  console.log(
    `  + projections and certificates against the log:            ${fmt(per10k(projections.ms, records))} per 10,000 records`,
  );
  console.log(
    `  + signed checkpoints (${checkpoints.value.checkpoints}, ${checkpoints.value.heads} heads):                ${fmt(per10k(checkpoints.ms, records))} per 10,000 records`,
  );
  console.log(
    `  verify-log in all: ${fmt(per10k(total, records))} per 10,000 records, ${(total / chains.ms).toFixed(2)}x the chains-only baseline; problems: ${found}`,
  );
  console.log(
    `  first checkpoint (${first.value?.heads} heads): ${fmt(first.ms)} (${fmt(per10k(first.ms, records))} per 10,000 heads)`,
  );
  console.log(
    `  checkpoint after ${more} more records (${incremental.value?.heads} heads moved): ${fmt(incremental.ms)}`,
  );
  return found;
}

async function main() {
  console.log(
    `bench:integrity, ${records} records; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${os.cpus().length} CPUs`,
  );
  let problems = 0;
  const embedded = await openPglite();
  try {
    problems += await measure(embedded);
  } finally {
    await embedded.dispose(false);
  }
  if (process.env.BENCH_DATABASE_URL) {
    const server = await openPostgres(process.env.BENCH_DATABASE_URL, 4);
    try {
      problems += await measure(server);
    } finally {
      await server.dispose(false);
    }
  } else console.log('\n(set BENCH_DATABASE_URL to measure a PostgreSQL server too)');
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  process.exit(problems ? 1 : 0);
}

void main();
