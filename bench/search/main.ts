/**
 * Search and deduplication benchmark: `npm run bench:search` (settings in bench/search/README.md).
 *
 * Seeds a register of realistic synthetic births straight into the database (the server's own projection and
 * hash chain, no HTTP), then measures through the server's functions: fuzzy and exact search, the duplicate
 * check, `lifeline reindex` with searches running meanwhile, and the accuracy of duplicate detection on a
 * labelled set. Prints a summary against the goals and writes bench/results/search-<db>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { fullName, type EventConfig } from '@lifeline/domain';
import { sql } from 'kysely';
import type { AppContext } from '../../apps/server/src/context.ts';
import { verifyLogs } from '../../apps/server/src/modules/audit/verify.ts';
import { findDuplicates } from '../../apps/server/src/modules/dedup/service.ts';
import { findRecords } from '../../apps/server/src/modules/search/service.ts';
import { REPO_ROOT } from '../server.ts';
import { round, summarize, table } from '../stats.ts';
import { matchPairs, summarizePairs, type AccuracySummary } from './accuracy.ts';
import { openPglite, openPostgres, type BenchDatabase } from './database.ts';
import { experiments } from './experiments.ts';
import { LabelledSetGenerator, type LabelledPair } from './labelled.ts';
import {
  capturingDb,
  explain,
  inlineSql,
  measure,
  roundLatency,
  type CapturedQuery,
  type Measured,
} from './measure.ts';
import {
  RETRIEVAL_VARIANTS,
  runPipeline,
  summarizePipeline,
  type PipelineRun,
  type PipelineSummary,
} from './pipeline.ts';
import { Population } from './population.ts';
import { Rng } from './prng.ts';
import {
  dedupCases,
  nationalRegistrar,
  runDedup,
  runSearch,
  SEARCH_KINDS,
  searchCases,
  type SearchCase,
  type SearchKind,
  type SearchOutcome,
} from './queries.ts';
import { reindexAvailable, runReindex, type ReindexRun, type SearchLoop } from './reindex.ts';
import {
  dropSecondaryIndexes,
  finishSeeding,
  rebuildIndexes,
  seedPopulation,
  tableSizes,
  type SeedResult,
} from './seed.ts';
import { warmCache } from './warm.ts';
import { RecordWriter, trackingIdFor } from './writer.ts';

function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!(n >= 0)) throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return n;
}

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const records = Math.round(numberSetting('BENCH_RECORDS', databaseUrl ? 1_000_000 : 20_000));
const large = records > 200_000;
const settings = {
  databaseUrl,
  records,
  queries: Math.round(numberSetting('BENCH_QUERIES', 200)),
  /** Per kind of query: stop after this many seconds (with at least 5 samples). */
  queryBudgetSeconds: numberSetting('BENCH_QUERY_BUDGET_SECONDS', large ? 30 : 45),
  batch: Math.round(numberSetting('BENCH_BATCH', 1000)),
  inFlight: Math.round(numberSetting('BENCH_IN_FLIGHT', databaseUrl ? 2 : 1)),
  poolSize: Math.round(numberSetting('BENCH_DB_POOL_SIZE', 4)),
  seed: process.env.BENCH_SEED || 'lifeline-search-bench',
  labelled: Math.round(numberSetting('BENCH_LABELLED', 2000)),
  /** Pairs of each extra, harder kind of duplicate (reported apart). */
  labelledExtra: Math.round(numberSetting('BENCH_LABELLED_EXTRA', 100)),
  pipelineSample: Math.round(numberSetting('BENCH_PIPELINE_SAMPLE', large ? 200 : 400)),
  reindex: process.env.BENCH_REINDEX !== '0',
  /** Stop `lifeline reindex` after this long (it is resumable; its rate so far is reported). */
  reindexTimeoutSeconds: numberSetting('BENCH_REINDEX_TIMEOUT_SECONDS', 900),
  /** Drop event_index's non-unique indexes while seeding and build them once at the end. */
  deferIndexes: process.env.BENCH_DEFER_INDEXES !== '0',
  /** Measure a database kept by an earlier run (its schema, or DATA_DIR) instead of seeding a new one. */
  reuse: process.env.BENCH_REUSE || undefined,
  keep: process.env.BENCH_KEEP === '1' || (!!process.env.BENCH_REUSE && process.env.BENCH_KEEP !== '0'),
  /** Verify every hash chain after seeding when the register is at most this big (it reads every action). */
  verifyUpTo: Math.round(numberSetting('BENCH_VERIFY_UP_TO', 50_000)),
};

const GOALS = {
  database: 'postgres',
  records: 1_000_000,
  cores: 2,
  fuzzyP95Ms: 100,
  exactP95Ms: 10,
  dedupP95Ms: 50,
  reindexPerSecond: 5000,
  recall: 0.95,
  precision: 0.9,
};
const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
const SEARCH_GOAL: Record<SearchKind, number> = {
  'fuzzy-child-name': GOALS.fuzzyP95Ms,
  'fuzzy-name-clause': GOALS.fuzzyP95Ms,
  'quick-name': GOALS.fuzzyP95Ms,
  'exact-mother-nid': GOALS.exactP95Ms,
  'exact-tracking-id': GOALS.exactP95Ms,
};
const SEARCH_LABEL: Record<SearchKind, string> = {
  'fuzzy-child-name': "fuzzy data 'child.name' (typo)",
  'fuzzy-name-clause': 'fuzzy `name` clause (typo)',
  'quick-name': 'quick search, name (typo)',
  'exact-mother-nid': "exact data 'mother.nid'",
  'exact-tracking-id': 'exact trackingId',
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '-');
const int = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** The machine's 1-minute load average at each phase (other processes share the cores: see the README). */
const loads: Record<string, number> = {};
const load = (phase: string) => {
  loads[phase] = round(os.loadavg()[0], 2);
  return `(load average ${loads[phase].toFixed(2)} on ${os.cpus().length} cores)`;
};

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

interface SearchResult {
  kind: SearchKind;
  measured: Measured<SearchOutcome>;
  foundRate: number;
  meanTotal: number;
  maxTotal: number;
}

interface Plan {
  label: string;
  sql: string;
  plan: string[];
  executionMs: number | null;
}

/** Each kind's cases in turn, sequentially (one client: latency, not throughput). */
async function measureSearches(
  ctx: AppContext,
  cases: ReadonlyMap<SearchKind, readonly SearchCase[]>,
  budgetSeconds: number,
): Promise<SearchResult[]> {
  const user = nationalRegistrar(ctx);
  const out: SearchResult[] = [];
  for (const [kind, list] of cases) {
    const t0 = performance.now();
    const measured = await measure(list, (c) => runSearch(ctx, user, c), {
      warmup: 0,
      budgetSeconds,
      minSamples: 5,
    });
    const found = measured.results.filter((r) => r.found).length;
    const totals = measured.results.map((r) => r.total);
    const result: SearchResult = {
      kind,
      measured,
      foundRate: measured.results.length ? found / measured.results.length : NaN,
      meanTotal: totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : NaN,
      maxTotal: totals.length ? Math.max(...totals) : NaN,
    };
    out.push(result);
    const l = measured.latency;
    console.log(
      `  ${SEARCH_LABEL[kind].padEnd(32)} n=${l.count}  p50 ${ms(l.p50)} ms  p95 ${ms(l.p95)} ms  p99 ${ms(l.p99)} ms  ` +
        `max ${ms(l.max)} ms  | target in top 20: ${pct(result.foundRate)}  matches: mean ${int(result.meanTotal)}, ` +
        `max ${int(result.maxTotal)}${measured.errors.length ? `  ERRORS ${measured.errors.length}: ${measured.errors[0]}` : ''}` +
        `${measured.stoppedByBudget ? `  (stopped after ${round(seconds(t0), 0)} s budget)` : ''}`,
    );
  }
  return out;
}

/**
 * EXPLAIN ANALYZE, one case of each kind: the search SQL as searchEvents builds it (compiled with the server's
 * compileQuery and the access rule), the count query, and the page query when the count ran under 2 s; the
 * duplicate check's SQL as findDuplicates sent it.
 */
async function explainAll(
  ctx: AppContext,
  config: EventConfig,
  cases: Map<SearchKind, SearchCase[]>,
  dedupDeclaration: Record<string, unknown>,
): Promise<Plan[]> {
  const user = nationalRegistrar(ctx);
  const plans: Plan[] = [];
  const add = (label: string, q: CapturedQuery, plan: string[]) => {
    const exec = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
    const p = { label, sql: inlineSql(q), plan, executionMs: exec ? Number(exec[1]) : null };
    plans.push(p);
    return p;
  };
  for (const kind of SEARCH_KINDS) {
    const c = cases.get(kind)![0];
    const captured = capturingDb(ctx.db);
    await findRecords({ ...ctx, db: captured.db }, user, c.request);
    // The queries searchEvents sent: the word expansion (fuzzy ones), the count, and the page.
    for (const q of captured.queries) {
      const what = /name_lexicon/.test(q.sql) ? 'words' : /^select count\(\*\) as "n"/i.test(q.sql) ? 'count' : 'page';
      add(`search ${kind} "${c.term}": ${what}`, q, await explain(ctx.db, q));
    }
  }
  const capture = capturingDb(ctx.db);
  await findDuplicates(capture.db, config, '00000000-0000-4000-8000-000000000000', dedupDeclaration);
  const candidates = capture.queries[0];
  if (candidates) add('dedup findDuplicates: candidates', candidates, await explain(ctx.db, candidates));
  return plans;
}

interface AccuracyResult {
  pairwise: AccuracySummary;
  pipeline: PipelineSummary | null;
  pipelineLatency: ReturnType<typeof roundLatency> | null;
  experiments: Array<{
    id: string;
    change: string;
    pairwise: AccuracySummary;
    pipeline: PipelineSummary | null;
  }>;
  retrieval: Array<{ id: string; change: string; pipeline: PipelineSummary; queryMs: ReturnType<typeof roundLatency> }>;
  misses: Array<{ kind: string; detail: string; retrieval?: string }>;
  falseAlarms: Array<{ kind: string; detail: string; rules?: string[] }>;
}

/** A sample of `size` pairs, half duplicates, half look-alikes, spread evenly over the kinds; plus some extras. */
function pipelineSample(pairs: readonly LabelledPair[], size: number): LabelledPair[] {
  const byKind = (list: LabelledPair[], n: number) => {
    const groups = new Map<string, LabelledPair[]>();
    for (const p of list) groups.set(p.kind, [...(groups.get(p.kind) ?? []), p]);
    const out: LabelledPair[] = [];
    for (let round = 0; out.length < n && out.length < list.length; round++) {
      for (const group of groups.values()) if (round < group.length && out.length < n) out.push(group[round]);
    }
    return out;
  };
  const half = Math.floor(size / 2);
  return [
    ...byKind(
      pairs.filter((p) => p.duplicate && !p.extra),
      half,
    ),
    ...byKind(
      pairs.filter((p) => !p.duplicate),
      size - half,
    ),
    // The extra kinds too, apart from the headline: a tenth of the sample.
    ...byKind(
      pairs.filter((p) => p.extra),
      Math.ceil(size / 10),
    ),
  ];
}

async function runAccuracy(
  ctx: AppContext,
  config: EventConfig,
  pairs: LabelledPair[],
  baseIds: Map<number, string>,
): Promise<AccuracyResult> {
  const dedup = config.deduplication!;
  const outcomes = matchPairs(dedup, pairs);
  const pairwise = summarizePairs(outcomes);
  const inRegister = pairs.filter((p) => baseIds.has(p.index));
  const sample = settings.pipelineSample > 0 ? pipelineSample(inRegister, settings.pipelineSample) : [];
  let pipeline: PipelineSummary | null = null;
  let pipelineLatency = null;
  const misses: AccuracyResult['misses'] = outcomes
    .filter((o) => o.pair.duplicate && !o.flagged)
    .map((o) => ({ kind: o.pair.kind, detail: o.pair.detail }));
  const falseAlarms: AccuracyResult['falseAlarms'] = outcomes
    .filter((o) => !o.pair.duplicate && o.flagged)
    .map((o) => ({ kind: o.pair.kind, detail: o.pair.detail, rules: o.rules }));
  const tried: AccuracyResult['experiments'] = [];
  const alternatives = experiments(dedup);
  let run: PipelineRun | null = null;
  if (sample.length) {
    const t0 = performance.now();
    run = await runPipeline(ctx.db, config, sample, baseIds, alternatives);
    pipeline = summarizePipeline(run.outcomes);
    pipelineLatency = roundLatency(summarize(run.outcomes.map((o) => o.ms)));
    for (const o of run.outcomes) {
      if (o.pair.duplicate && !o.flaggedBase)
        misses.push({ kind: o.pair.kind, detail: o.pair.detail, retrieval: o.retrieval });
    }
    console.log(
      `  full pipeline over the register: ${sample.length} probes in ${round(seconds(t0), 1)} s` +
        (run.inconsistent
          ? `; WARNING: ${run.inconsistent} probes where the rules re-applied to the candidates disagree with findDuplicates`
          : ''),
    );
  }
  for (const e of alternatives) {
    const outcomes = run?.experiments.get(e.id);
    tried.push({
      id: e.id,
      change: e.change,
      pairwise: summarizePairs(matchPairs(e.config, pairs)),
      pipeline: outcomes ? summarizePipeline(outcomes) : null,
    });
  }
  const retrieval: AccuracyResult['retrieval'] = [];
  for (const [id, v] of run?.retrievalVariants ?? []) {
    retrieval.push({
      id,
      change: RETRIEVAL_VARIANTS[id].change,
      pipeline: summarizePipeline(v.outcomes),
      queryMs: roundLatency(summarize(v.ms)),
    });
  }
  return { pairwise, pipeline, pipelineLatency, experiments: tried, retrieval, misses, falseAlarms };
}

function printAccuracy(a: AccuracyResult) {
  const p = a.pairwise;
  console.log(
    `\n  pairwise (matchDuplicate, Farajaland birth rules and variants) on ${p.tp + p.fp + p.fn + p.tn} labelled pairs:` +
      `\n    precision ${pct(p.precision)}  recall ${pct(p.recall)}  F1 ${pct(p.f1)}  TP ${p.tp}  FP ${p.fp}  FN ${p.fn}  TN ${p.tn}`,
  );
  if (a.pipeline) {
    const q = a.pipeline;
    console.log(
      `  full pipeline (findDuplicates over the register) on ${q.probes} probes (${q.tp + q.fn} duplicates):` +
        `\n    precision ${pct(q.precision)}  recall ${pct(q.recall)}  F1 ${pct(q.f1)}  TP ${q.tp}  FP ${q.fp} ` +
        `(${q.fpLabelledNegatives} on the labelled look-alike, ${q.fpOtherRecords} on other records of the register)  FN ${q.fn} ` +
        `(not retrieved ${q.missesNotRetrieved}, beyond maxCandidates ${q.missesBeyondMaxCandidates}, rules ${q.missesByRules})` +
        `\n    latency per check: p50 ${ms(a.pipelineLatency!.p50)} ms  p95 ${ms(a.pipelineLatency!.p95)} ms`,
    );
  }
  const pipelineByKind = new Map(a.pipeline?.byKind.map((k) => [k.kind, k]) ?? []);
  console.log('\n  by kind of pair (recall for duplicates, false-alarm rate for look-alikes)');
  console.log(
    table(
      p.byKind.map((k) => {
        const pk = pipelineByKind.get(k.kind);
        return [
          k.kind,
          k.extra ? 'extra (apart)' : k.duplicate ? 'duplicate' : 'look-alike',
          String(k.pairs),
          `${k.flagged} (${pct(k.rate)})`,
          pk ? `${pk.flagged}/${pk.pairs} (${pct(pk.rate)})` : '-',
          pk ? String(pk.otherHits) : '-',
        ];
      }),
      ['kind', 'label', 'pairs', 'flagged (pairwise)', 'flagged (pipeline)', 'other records flagged'],
    ),
  );
  const extras = p.byKind.filter((k) => k.extra);
  if (extras.some((k) => k.pairs)) {
    console.log(
      `  extra kinds (not in the figures above): ${extras.map((k) => `${k.kind} recall ${pct(k.rate)}`).join(', ')}`,
    );
  }
  const extraKinds = new Set<string>(extras.map((k) => k.kind));
  const headlineMisses = a.misses.filter((m) => !extraKinds.has(m.kind));
  if (headlineMisses.length) {
    console.log(`\n  missed duplicates, headline kinds (first 12 of ${headlineMisses.length}):`);
    for (const m of headlineMisses.slice(0, 12))
      console.log(`    ${m.kind}${m.retrieval ? ` [pipeline: ${m.retrieval}]` : ''}: ${m.detail}`);
  }
  if (a.falseAlarms.length) {
    console.log(`  false alarms on labelled look-alikes (first 8 of ${a.falseAlarms.length}):`);
    for (const f of a.falseAlarms.slice(0, 8)) console.log(`    ${f.kind} [${f.rules?.join(', ')}]: ${f.detail}`);
  }
  if (a.experiments.length) {
    console.log('\n  what-if: modified copies of the rules on the same pairs (the country config is unchanged)');
    const row = (id: string, s: AccuracySummary, pl: PipelineSummary | null) => [
      id,
      pct(s.precision),
      pct(s.recall),
      `${s.fp}/${s.fn}`,
      pl ? pct(pl.precision) : '-',
      pl ? pct(pl.recall) : '-',
      pl ? `${pl.fp}/${pl.fn}` : '-',
    ];
    console.log(
      table(
        [row('current', a.pairwise, a.pipeline), ...a.experiments.map((e) => row(e.id, e.pairwise, e.pipeline))],
        ['rules', 'P pairwise', 'R pairwise', 'FP/FN', 'P pipeline', 'R pipeline', 'FP/FN'],
      ),
    );
    for (const e of a.experiments) console.log(`    ${e.id}: ${e.change}`);
  }
  if (a.retrieval.length && a.pipeline) {
    console.log('\n  what-if: the candidate query changed (current rules, same probes)');
    console.log(
      table(
        [
          ['current', pct(a.pipeline.precision), pct(a.pipeline.recall), `${a.pipeline.fp}/${a.pipeline.fn}`, '-', '-'],
          ...a.retrieval.map((r) => [
            r.id,
            pct(r.pipeline.precision),
            pct(r.pipeline.recall),
            `${r.pipeline.fp}/${r.pipeline.fn}`,
            ms(r.queryMs.p50),
            ms(r.queryMs.p95),
          ]),
        ],
        ['candidates', 'P pipeline', 'R pipeline', 'FP/FN', 'query p50 ms', 'query p95 ms'],
      ),
    );
    for (const r of a.retrieval) console.log(`    ${r.id}: ${r.change}`);
  }
}

interface Outcome {
  db: BenchDatabase;
  seed: SeedResult;
  totalRecords: number;
  labelledWrite: { records: number; seconds: number };
  finishSeconds: number;
  /** Seconds to build the indexes dropped for the load (0 when they were kept). */
  indexSeconds: number;
  sizes: Record<string, string>;
  chains: { actions: number; records: number; problems: number } | null;
  searches: SearchResult[];
  dedup: { measured: Measured<{ hits: number; found: boolean }>; foundRate: number };
  plans: Plan[];
  accuracy: AccuracyResult;
  reindex:
    | (ReindexRun & {
        rowsBefore: number;
        rowsAfter: number;
        sampleIdentical: boolean;
        after: SearchResult[];
        afterDedup: ReturnType<typeof roundLatency>;
        afterPlan: Plan | null;
        analyzedAfterSwap: string | null;
      })
    | { skipped: string };
}

interface Register {
  seeded: SeedResult;
  baseIds: Map<number, string>;
  totalRecords: number;
  labelledWrite: { records: number; seconds: number };
  indexSeconds: number;
  finishSeconds: number;
  sizes: Record<string, string>;
}

/** Seed the population, then the labelled set's base records; indexes, statistics. */
async function seedRegister(
  db: BenchDatabase,
  ctx: AppContext,
  config: EventConfig,
  today: string,
  pairs: LabelledPair[],
): Promise<Register> {
  console.log(
    `\n-- seeding ${int(settings.records)} birth records (batches of ${settings.batch}, ${settings.inFlight} in flight) ${load('seeding')}`,
  );
  const deferred = settings.deferIndexes ? await dropSecondaryIndexes(ctx.db) : null;
  if (deferred) {
    console.log(
      `  event_index's ${deferred.definitions.length} non-unique indexes dropped for the load, built again at the end ` +
        `(BENCH_DEFER_INDEXES=0 keeps them)`,
    );
  }
  const population = new Population(ctx.country, settings.seed, 0, today);
  console.log(
    `  ${population.names.female.items.length} female, ${population.names.male.items.length} male first names, ` +
      `${population.names.surnames.items.length} surnames (most frequent surname: ${pct(population.names.surnames.topShare)} of people); ` +
      `${population.facilityCount} health facilities`,
  );
  const seeded = await seedPopulation(ctx.db, ctx.country, config, population, {
    count: settings.records,
    batch: settings.batch,
    inFlight: settings.inFlight,
    sampleSize: Math.max(1000, settings.queries * 3),
    seed: settings.seed,
  });
  console.log(
    `  seeded ${int(seeded.records)} records (${int(seeded.registered)} registered, ${int(seeded.declared)} declared; ` +
      `${int(seeded.actions)} actions) in ${round(seeded.seconds, 1)} s: ${int(seeded.recordsPerSecond)} records/s`,
  );
  console.log(
    `  of which this thread: generating ${round(seeded.generateSeconds, 1)} s, building rows (hash chain, toIndexRow) ` +
      `${round(seeded.buildSeconds, 1)} s; the rest is waiting for the database`,
  );

  const t0 = performance.now();
  const writer = new RecordWriter(ctx.db, ctx.country, config, {
    start: seeded.nextCounter,
    inFlight: settings.inFlight,
  });
  const baseIds = new Map<number, string>();
  for (let i = 0; i < pairs.length; i += settings.batch) {
    const chunk = pairs.slice(i, i + settings.batch);
    const written = await writer.enqueue(chunk.map((p) => p.base));
    written.forEach((w, j) => baseIds.set(chunk[j].index, w.id));
  }
  await writer.drain();
  const labelledWrite = { records: writer.written, seconds: seconds(t0) };
  const totalRecords = seeded.records + writer.written;
  console.log(`  + ${writer.written} base records of the labelled duplicate set: ${int(totalRecords)} records in all`);
  const indexSeconds = deferred ? await rebuildIndexes(ctx.db, deferred, db.kind === 'postgres' ? 2 : 1) : 0;
  if (deferred) {
    console.log(
      `  indexes built in ${round(indexSeconds, 1)} s: ${int(seeded.records / (seeded.seconds + indexSeconds))} records/s ` +
        'seeding rate including the index build',
    );
  }
  const finishSeconds = await finishSeeding(ctx.db, Math.max(seeded.maxSequence, writer.maxSequence));
  const sizes = await tableSizes(ctx.db);
  console.log(
    `  VACUUM ANALYZE: ${round(finishSeconds, 1)} s; sizes: ${Object.entries(sizes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return { seeded, baseIds, totalRecords, labelledWrite, indexSeconds, finishSeconds, sizes };
}

/**
 * BENCH_REUSE: a register seeded by an earlier run (kept with BENCH_KEEP=1) with the same BENCH_RECORDS and
 * BENCH_SEED. Query cases come from a random sample of its records; the labelled set is generated again (same
 * seed, same pairs) and its base records are found by tracking id (the writer numbers them after the population).
 */
async function reuseRegister(ctx: AppContext, config: EventConfig, pairs: LabelledPair[]): Promise<Register> {
  console.log(`\n-- reusing ${String(settings.reuse)}: no seeding ${load('seeding')}`);
  const total = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(ctx.db)).rows[0].n);
  const sampleSize = Math.max(1000, settings.queries * 3);
  const { rows } = await sql<{
    event_id: string;
    tracking_id: string;
    registration_number: string | null;
    status: string;
    declaration: Record<string, unknown>;
  }>`SELECT event_id, tracking_id, registration_number, status, declaration
     FROM event_index TABLESAMPLE BERNOULLI (${Math.min(100, (100 * sampleSize * 2) / Math.max(1, total))})
     REPEATABLE (42) WHERE type = ${config.id} LIMIT ${sampleSize}`.execute(ctx.db);
  const sample = rows.map((r) => ({
    id: r.event_id,
    trackingId: r.tracking_id,
    registrationNumber: r.registration_number,
    status: r.status as 'REGISTERED' | 'DECLARED',
    declaration: r.declaration,
  }));
  const tracking = pairs.map((p, i) => trackingIdFor(config.code, settings.records + i));
  const found = await sql<{ id: string; tracking_id: string; declaration: Record<string, unknown> }>`
    SELECT e.id, e.tracking_id, i.declaration FROM events e JOIN event_index i ON i.event_id = e.id
    WHERE e.tracking_id IN (${sql.join(tracking)})`.execute(ctx.db);
  const byTracking = new Map(found.rows.map((r) => [r.tracking_id, r]));
  const baseIds = new Map<number, string>();
  let mismatched = 0;
  pairs.forEach((p, i) => {
    const row = byTracking.get(tracking[i]);
    if (!row) return;
    const same = fullName(row.declaration['child.name']) === fullName(p.base.declaration['child.name']);
    if (same) baseIds.set(p.index, row.id);
    else mismatched++;
  });
  console.log(
    `  ${int(total)} records; sample of ${sample.length} for the queries; ${baseIds.size} of ${pairs.length} labelled base ` +
      `records found${mismatched ? ` (${mismatched} found with another child: different BENCH_RECORDS or BENCH_SEED?)` : ''}`,
  );
  const none = NaN;
  return {
    seeded: {
      records: total - baseIds.size,
      registered: none,
      declared: none,
      actions: none,
      seconds: none,
      recordsPerSecond: none,
      generateSeconds: none,
      buildSeconds: none,
      sample,
      nextCounter: settings.records,
      maxSequence: 0,
    },
    baseIds,
    totalRecords: total,
    labelledWrite: { records: 0, seconds: 0 },
    indexSeconds: 0,
    finishSeconds: 0,
    sizes: await tableSizes(ctx.db),
  };
}

async function run(db: BenchDatabase): Promise<Outcome> {
  let ctx = db.runtime.ctx;
  const config = ctx.country.events.get('birth');
  if (!config?.deduplication) throw new Error('the country has no birth event with deduplication rules');
  const today = ctx.country.today();

  // The labelled duplicate set's base births join the register, so the full check finds them among everyone.
  const generator = new LabelledSetGenerator(
    new Population(ctx.country, `${settings.seed}/labelled`, 5_000_000, today),
    config.deduplication.nameVariants,
  );
  const pairs = generator.generate(settings.labelled, new Rng(`${settings.seed}/labelled-set`), settings.labelledExtra);
  const register = settings.reuse
    ? await reuseRegister(ctx, config, pairs)
    : await seedRegister(db, ctx, config, today, pairs);
  const { seeded, baseIds, totalRecords, labelledWrite, indexSeconds, finishSeconds, sizes } = register;
  const warmed = await warmCache(ctx.db);
  if (warmed) {
    console.log(
      `  file cache warmed (pg_prewarm read of event_index, its indexes, name_lexicon): ${int(warmed.megabytes)} MB in ${round(warmed.seconds, 1)} s`,
    );
  }
  let chains: Outcome['chains'] = null;
  if (totalRecords <= settings.verifyUpTo) {
    const report = await verifyLogs(ctx.db);
    chains = { actions: report.actions, records: report.records, problems: report.problems.length };
    console.log(
      `  hash chains (verify-log): ${int(report.actions)} actions of ${int(report.records)} records, ` +
        `${report.problems.length ? `${report.problems.length} PROBLEMS: ${report.problems[0].problem}` : 'every chain intact'}`,
    );
  }

  const rng = new Rng(`${settings.seed}/queries`);
  const cases = new Map(
    SEARCH_KINDS.map((k) => [k, searchCases(k, seeded.sample, settings.queries + 10, rng.fork(k))] as const),
  );
  console.log(
    `\n-- search (searchEvents as a national registrar; sequential; first 10 of each kind unmeasured) ${load('search')}`,
  );
  const user = nationalRegistrar(ctx);
  // Warm-up: up to 10 of each kind, at most a third of the kind's time budget.
  for (const kind of SEARCH_KINDS) {
    const until = performance.now() + (settings.queryBudgetSeconds / 3) * 1000;
    for (const c of cases.get(kind)!.slice(0, 10)) {
      await runSearch(ctx, user, c);
      if (performance.now() > until) break;
    }
  }
  const searches = await measureSearches(
    ctx,
    new Map(SEARCH_KINDS.map((k) => [k, cases.get(k)!.slice(10)] as const)),
    settings.queryBudgetSeconds,
  );

  console.log(
    `\n-- duplicate check (findDuplicates) of new declarations resembling registered records ${load('dedup')}`,
  );
  const dCases = dedupCases(generator, seeded.sample, settings.queries + 10, rng.fork('dedup'));
  const warmUntil = performance.now() + (settings.queryBudgetSeconds / 3) * 1000;
  for (const c of dCases.slice(0, 10)) {
    await runDedup(ctx.db, config, c);
    if (performance.now() > warmUntil) break;
  }
  const dMeasured = await measure(dCases.slice(10), (c) => runDedup(ctx.db, config, c), {
    warmup: 0,
    budgetSeconds: settings.queryBudgetSeconds,
    minSamples: 5,
  });
  const dedupFound = dMeasured.results.filter((r) => r.found).length / Math.max(1, dMeasured.results.length);
  const dl = dMeasured.latency;
  console.log(
    `  n=${dl.count}  p50 ${ms(dl.p50)} ms  p95 ${ms(dl.p95)} ms  p99 ${ms(dl.p99)} ms  max ${ms(dl.max)} ms  | ` +
      `original flagged: ${pct(dedupFound)}, records flagged per check: ` +
      `${round(dMeasured.results.reduce((s, r) => s + r.hits, 0) / Math.max(1, dMeasured.results.length), 2)}`,
  );

  console.log(`\n-- query plans (EXPLAIN ANALYZE of the server's SQL, one case each; full plans in the JSON)`);
  const plans = await explainAll(ctx, config, cases, dCases[0].declaration);
  for (const p of plans) {
    const scan = p.plan.map((l) => l.trim()).filter((l) => /Scan|Sort Method|Rows Removed/.test(l));
    console.log(`  ${p.label}: ${p.executionMs ?? '?'} ms`);
    for (const line of scan.slice(0, 4)) console.log(`      ${line.slice(0, 150)}`);
  }

  console.log(
    `\n-- duplicate detection accuracy (labelled set: ${pairs.length} pairs, seed "${settings.seed}") ${load('accuracy')}`,
  );
  const accuracy = await runAccuracy(ctx, config, pairs, baseIds);
  printAccuracy(accuracy);

  let reindex: Outcome['reindex'];
  if (!settings.reindex) reindex = { skipped: 'BENCH_REINDEX=0' };
  else if (!reindexAvailable()) reindex = { skipped: 'not measured: `lifeline reindex` is not in this build' };
  else {
    console.log(`\n-- lifeline reindex (the CLI, on this database) ${load('reindex')}`);
    const ids = seeded.sample.slice(0, 200).map((s) => s.id);
    const snapshot = async () =>
      JSON.stringify(
        (
          await sql<Record<string, unknown>>`
            SELECT event_id, status, flags, title, names, ids, name_keys, date_of_event, place_of_event_path,
                   created_at_location_path, registration_number, declaration
            FROM event_index WHERE event_id IN (${sql.join(ids)}) ORDER BY event_id`.execute(ctx.db)
        ).rows,
      );
    const count = async () =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_index`.execute(ctx.db)).rows[0].n);
    const before = await snapshot();
    const rowsBefore = await count();
    let run: ReindexRun;
    if (db.kind === 'postgres') {
      // Two clients meanwhile: tracking-id lookups back to back (any stall, e.g. a lock at the swap, shows in
      // their maximum), and the measured mix (fuzzy child name, mother's ID, duplicate check) in turn.
      const tracking = cases.get('exact-tracking-id')!;
      const mix = [cases.get('fuzzy-child-name')!, cases.get('exact-mother-nid')!];
      const loops: SearchLoop[] = [
        { label: 'exact trackingId lookups', run: (i) => runSearch(ctx, user, tracking[i % tracking.length]) },
        {
          label: 'fuzzy child name / mother.nid / dedup check in turn',
          run: (i) =>
            i % 3 === 2
              ? runDedup(ctx.db, config, dCases[Math.floor(i / 3) % dCases.length])
              : runSearch(ctx, user, mix[i % 3][Math.floor(i / 3) % mix[i % 3].length]),
        },
      ];
      run = await runReindex(db.cliEnv, loops, settings.reindexTimeoutSeconds);
    } else {
      // One process at a time on the embedded database: the CLI runs with this process's connection closed.
      await db.closeRuntime();
      run = await runReindex(db.cliEnv, [], settings.reindexTimeoutSeconds);
      ctx = (await db.reopen()).ctx;
    }
    for (const line of run.output.slice(0, 10)) console.log(`  cli: ${line}`);
    const rowsAfter = await count();
    const sampleIdentical = before === (await snapshot());
    console.log(
      `  exit ${run.exitCode}; ${run.reportedRecords ?? '?'} records in ${run.reportedSeconds ?? '?'} s = ` +
        `${run.reportedRate ?? '?'} records/s (CLI's figure; wall time with start-up ${round(run.wallSeconds, 1)} s); ` +
        `rows ${int(rowsBefore)} -> ${int(rowsAfter)}; 200 sampled rows identical after: ${sampleIdentical ? 'yes' : 'NO'}`,
    );
    const copy = copyProfile(run);
    if (copy) {
      console.log(
        `  copy phase: ${int(copy.records)} records in ${round(copy.seconds, 1)} s (${int(copy.firstRate)} records/s over ` +
          `the first tenth, ${int(copy.lastRate)} over the last tenth); after the copy (indexes, catch-up, swap): ` +
          `${run.timedOut ? 'not reached' : `${round(run.wallSeconds - copy.seconds, 1)} s`}`,
      );
    }
    if (run.timedOut) {
      console.log(`  STOPPED by the bench after ${settings.reindexTimeoutSeconds} s (BENCH_REINDEX_TIMEOUT_SECONDS)`);
    }
    for (const loop of run.loops) {
      console.log(
        `  during the reindex, ${loop.label}: ${loop.queries} (${loop.errors} errors` +
          `${loop.errorSamples.length ? `: ${loop.errorSamples.join(' | ')}` : ''}), p50 ${ms(loop.latency.p50)} ms, ` +
          `p95 ${ms(loop.latency.p95)} ms, max ${ms(loop.latency.max)} ms`,
      );
    }
    if (!run.loops.length)
      console.log('  searches during the reindex: not run (the embedded database is open in one process at a time)');
    console.log(
      run.exitCode === 0
        ? '  right after the swap (the reindex analyzed the new table before swapping it in):'
        : '  after the stopped reindex (no swap: the live table is the old one):',
    );
    const afterCases = new Map(
      (['exact-tracking-id', 'exact-mother-nid'] as const).map((k) => [k, cases.get(k)!.slice(10, 40)] as const),
    );
    const after = await measureSearches(ctx, afterCases, Math.min(settings.queryBudgetSeconds, 20));
    const afterDedup = await measure(dCases.slice(10, 40), (c) => runDedup(ctx.db, config, c), {
      warmup: 0,
      budgetSeconds: 20,
      minSamples: 5,
    });
    console.log(
      `  dedup check (findDuplicates)       n=${afterDedup.latency.count}  p50 ${ms(afterDedup.latency.p50)} ms  ` +
        `p95 ${ms(afterDedup.latency.p95)} ms  max ${ms(afterDedup.latency.max)} ms`,
    );
    // The candidate query's plan on the new table, for comparison with the one before the reindex.
    const capture = capturingDb(ctx.db);
    await findDuplicates(capture.db, config, '00000000-0000-4000-8000-000000000000', dCases[0].declaration);
    let afterPlan: Plan | null = null;
    if (capture.queries[0]) {
      const lines = await explain(ctx.db, capture.queries[0]);
      const exec = lines.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
      afterPlan = {
        label: `dedup findDuplicates: candidates, ${run.exitCode === 0 ? 'right after the reindex swap' : 'after the stopped reindex'}`,
        sql: inlineSql(capture.queries[0]),
        plan: lines,
        executionMs: exec ? Number(exec[1]) : null,
      };
      console.log(`  ${afterPlan.label}: ${afterPlan.executionMs ?? '?'} ms`);
      for (const line of lines
        .map((l) => l.trim())
        .filter((l) => /Scan|Sort Method/.test(l))
        .slice(0, 4)) {
        console.log(`      ${line.slice(0, 150)}`);
      }
    }
    const analyzed = await sql<{ last: string | null }>`
      SELECT greatest(last_analyze, last_autoanalyze)::text AS last FROM pg_stat_user_tables
      WHERE relname = 'event_index' AND schemaname = current_schema()`.execute(ctx.db);
    reindex = {
      ...run,
      rowsBefore,
      rowsAfter,
      sampleIdentical,
      after,
      afterDedup: roundLatency(afterDedup.latency),
      afterPlan,
      analyzedAfterSwap: analyzed.rows[0]?.last ?? null,
    };
  }

  return {
    db,
    seed: seeded,
    totalRecords,
    labelledWrite,
    finishSeconds,
    indexSeconds,
    sizes,
    chains,
    searches,
    dedup: { measured: dMeasured, foundRate: dedupFound },
    plans,
    accuracy,
    reindex,
  };
}

/** The copy phase from the CLI's progress lines: how fast at the start and at the end (a slowdown shows). */
function copyProfile(run: ReindexRun) {
  const p = run.progress;
  if (p.length < 2) return null;
  const [endSeconds, records] = p[p.length - 1];
  const at = (fraction: number) => p.find(([, done]) => done >= records * fraction) ?? p[p.length - 1];
  const [t10, n10] = at(0.1);
  const [t90, n90] = at(0.9);
  return {
    records,
    seconds: endSeconds,
    firstRate: n10 / Math.max(t10, 0.001),
    lastRate: (records - n90) / Math.max(endSeconds - t90, 0.001),
  };
}

async function report(o: Outcome): Promise<boolean> {
  const m = machine();
  const applies = o.db.kind === GOALS.database && o.totalRecords >= GOALS.records && m.cores === GOALS.cores;
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  const rows: string[][] = [];
  const goals: Array<{ goal: string; measured: string; met: boolean }> = [];
  const add = (goal: string, measured: string, met: boolean) => {
    goals.push({ goal, measured, met });
    rows.push([goal, measured, verdict(met)]);
  };
  for (const s of o.searches) {
    const goal = SEARCH_GOAL[s.kind];
    add(
      `${SEARCH_LABEL[s.kind]} p95 < ${goal} ms`,
      `${ms(s.measured.latency.p95)} ms (p50 ${ms(s.measured.latency.p50)})`,
      s.measured.latency.p95 < goal && !s.measured.errors.length,
    );
  }
  const d = o.dedup.measured.latency;
  add(`dedup check p95 < ${GOALS.dedupP95Ms} ms`, `${ms(d.p95)} ms (p50 ${ms(d.p50)})`, d.p95 < GOALS.dedupP95Ms);
  if ('skipped' in o.reindex)
    rows.push([`reindex > ${GOALS.reindexPerSecond} records/s, search answering`, o.reindex.skipped, '-']);
  else {
    const r = o.reindex;
    const copy = copyProfile(r);
    const rate = r.reportedRate ?? (copy ? copy.records / copy.seconds : NaN);
    add(
      `reindex > ${int(GOALS.reindexPerSecond)} records/s`,
      r.timedOut
        ? `stopped after ${settings.reindexTimeoutSeconds} s at ${int(copy?.records ?? 0)} records: ${int(rate)} records/s so far`
        : `${int(rate)} records/s`,
      rate > GOALS.reindexPerSecond && r.exitCode === 0,
    );
    if (r.loops.length) {
      const queries = r.loops.reduce((n, l) => n + l.queries, 0);
      const errors = r.loops.reduce((n, l) => n + l.errors, 0);
      const worst = Math.max(...r.loops.map((l) => l.latency.max));
      const lookups = r.loops[0];
      add(
        'search answering throughout the reindex',
        `${queries} queries, ${errors} errors; lookups p95 ${ms(lookups.latency.p95)} ms, slowest answer ${ms(worst)} ms`,
        errors === 0 && queries > 0 && lookups.latency.max < 5000,
      );
    } else rows.push(['search answering throughout the reindex', 'n/a on the embedded database (one process)', '-']);
  }
  const a = o.accuracy;
  const accuracyMet = (s: { recall: number; precision: number }) =>
    s.recall >= GOALS.recall && s.precision >= GOALS.precision;
  add(
    `recall >= ${GOALS.recall * 100}% & precision >= ${GOALS.precision * 100}% (pairwise)`,
    `R ${pct(a.pairwise.recall)}  P ${pct(a.pairwise.precision)}`,
    accuracyMet(a.pairwise),
  );
  if (a.pipeline) {
    add(
      `recall >= ${GOALS.recall * 100}% & precision >= ${GOALS.precision * 100}% (full pipeline)`,
      `R ${pct(a.pipeline.recall)}  P ${pct(a.pipeline.precision)} (${a.pipeline.probes} probes)`,
      accuracyMet(a.pipeline),
    );
  }

  console.log(
    `\n== summary: ${o.db.kind} (${String(o.db.details.engine)}), ${int(o.totalRecords)} records, ${m.cores} cores ==`,
  );
  if (settings.reuse) console.log(`  seeding: reused ${settings.reuse} (seeded by an earlier run)`);
  else {
    console.log(
      `  seeding: ${int(o.seed.recordsPerSecond)} records/s (${int(o.seed.records)} in ${round(o.seed.seconds, 1)} s)` +
        (o.indexSeconds
          ? `, indexes built after in ${round(o.indexSeconds, 1)} s (${int(o.seed.records / (o.seed.seconds + o.indexSeconds))} records/s overall)`
          : '') +
        `, then VACUUM ANALYZE ${round(o.finishSeconds, 1)} s`,
    );
  }
  console.log(table(rows, ['goal', 'measured', 'verdict']));
  if (applies)
    console.log(
      `  the goals are set for PostgreSQL, ${int(GOALS.records)} records, ${GOALS.cores} cores: they apply to this run`,
    );
  else {
    console.log(
      `  the goals are set for PostgreSQL with ${int(GOALS.records)} records on ${GOALS.cores} cores; this run ` +
        `(${o.db.kind}, ${int(o.totalRecords)} records, ${m.cores} cores) is for reference`,
    );
  }

  const json = {
    benchmark: 'search',
    database: o.db.kind,
    at: new Date().toISOString(),
    commit: gitCommit(),
    machine: { ...m, loadAverage: { ...loads, end: round(os.loadavg()[0], 2) } },
    settings: { ...settings, databaseUrl: settings.databaseUrl ? '(set)' : undefined },
    databaseDetails: o.db.details,
    goals: { ...GOALS, applies, results: goals },
    seeding: {
      records: o.seed.records,
      registered: o.seed.registered,
      declared: o.seed.declared,
      actions: o.seed.actions,
      seconds: round(o.seed.seconds, 2),
      recordsPerSecond: round(o.seed.recordsPerSecond, 0),
      labelledBaseRecords: o.labelledWrite.records,
      totalRecords: o.totalRecords,
      indexesDeferred: settings.deferIndexes,
      indexBuildSeconds: round(o.indexSeconds, 2),
      recordsPerSecondIncludingIndexBuild: round(o.seed.records / (o.seed.seconds + o.indexSeconds), 0),
      vacuumAnalyzeSeconds: round(o.finishSeconds, 2),
      tableSizes: o.sizes,
      hashChains: o.chains,
    },
    search: Object.fromEntries(
      o.searches.map((s) => [
        s.kind,
        {
          latencyMs: roundLatency(s.measured.latency),
          targetInTop20: round(s.foundRate, 4),
          matchesMean: round(s.meanTotal, 1),
          matchesMax: s.maxTotal,
          errors: s.measured.errors.slice(0, 5),
          stoppedByBudget: s.measured.stoppedByBudget,
        },
      ]),
    ),
    dedupCheck: {
      latencyMs: roundLatency(o.dedup.measured.latency),
      originalFlagged: round(o.dedup.foundRate, 4),
      stoppedByBudget: o.dedup.measured.stoppedByBudget,
    },
    accuracy: {
      pairwise: roundAccuracy(a.pairwise),
      pipeline: a.pipeline && roundAccuracy(a.pipeline),
      pipelineLatencyMs: a.pipelineLatency,
      experiments: a.experiments.map((e) => ({
        id: e.id,
        change: e.change,
        pairwise: roundAccuracy(e.pairwise),
        pipeline: e.pipeline && roundAccuracy(e.pipeline),
      })),
      retrieval: a.retrieval.map((r) => ({ ...r, pipeline: roundAccuracy(r.pipeline) })),
      misses: a.misses.slice(0, 50),
      falseAlarms: a.falseAlarms.slice(0, 50),
    },
    reindex:
      'skipped' in o.reindex
        ? o.reindex
        : {
            exitCode: o.reindex.exitCode,
            reportedRecords: o.reindex.reportedRecords,
            reportedSeconds: o.reindex.reportedSeconds,
            recordsPerSecond: o.reindex.reportedRate,
            wallSeconds: round(o.reindex.wallSeconds, 2),
            rowsBefore: o.reindex.rowsBefore,
            rowsAfter: o.reindex.rowsAfter,
            sampleIdentical: o.reindex.sampleIdentical,
            searchDuring: o.reindex.loops.map((l) => ({ ...l, latency: roundLatency(l.latency) })),
            searchAfterSwap: Object.fromEntries(o.reindex.after.map((s) => [s.kind, roundLatency(s.measured.latency)])),
            dedupAfterSwap: o.reindex.afterDedup,
            eventIndexAnalyzedAfterSwap: o.reindex.analyzedAfterSwap,
            dedupPlanAfterSwap: o.reindex.afterPlan,
            output: o.reindex.output.slice(0, 20),
            timedOut: o.reindex.timedOut,
            copy: copyProfile(o.reindex),
            progress: o.reindex.progress.filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 50)) === 0),
          },
    plans: o.plans,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `search-${o.db.kind}.json`);
  // Formatted as the repository's Prettier would, so `prettier --check .` stays clean after a run.
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(JSON.stringify(json, null, 2), { ...options, parser: 'json' }));
  console.log(`  results: ${path.relative(REPO_ROOT, file)}`);
  return goals.every((g) => g.met);
}

function roundAccuracy<T extends { precision: number; recall: number; f1: number }>(s: T) {
  return { ...s, precision: round(s.precision, 4), recall: round(s.recall, 4), f1: round(s.f1, 4) };
}

async function main(): Promise<number> {
  const m = machine();
  console.log('Lifeline search and deduplication benchmark');
  console.log(`machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`);
  console.log(
    `settings: BENCH_RECORDS=${settings.records} BENCH_QUERIES=${settings.queries} BENCH_BATCH=${settings.batch} ` +
      `BENCH_IN_FLIGHT=${settings.inFlight} BENCH_LABELLED=${settings.labelled} BENCH_PIPELINE_SAMPLE=${settings.pipelineSample} ` +
      `BENCH_SEED=${settings.seed} BENCH_DATABASE_URL=${settings.databaseUrl ? 'set (PostgreSQL)' : 'unset (embedded database)'}`,
  );
  const t0 = performance.now();
  const db = settings.databaseUrl
    ? await openPostgres(settings.databaseUrl, settings.poolSize, settings.reuse)
    : await openPglite(settings.reuse);
  console.log(
    `database: ${String(db.details.engine)}${db.details.schema ? `, schema ${String(db.details.schema)}` : ''}`,
  );
  try {
    const outcome = await run(db);
    await report(outcome);
    console.log(`  total time ${round(seconds(t0) / 60, 1)} min`);
    return 0;
  } finally {
    await db.dispose(settings.keep);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
