import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import type { CpuUse } from '../cpu.ts';
import { STEPS } from '../load.ts';
import { REPO_ROOT } from '../server.ts';
import { round, summarize, table, type LatencySummary } from '../stats.ts';
import type { Run } from './measure.ts';
import { gitCommit, machine, RESULTS_DIR, settings, TARGET } from './settings.ts';

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
export const fixed = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const cores = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));

/** The figures of a run that the summary and the JSON use. */
export function figures(run: Run) {
  const { load } = run;
  const all = summarize(STEPS.flatMap((s) => load.samples[s]));
  const writesPerSecond = all.count / load.windowSeconds;
  return {
    all,
    workflowsPerSecond: load.workflowsInWindow / load.windowSeconds,
    writesPerSecond,
    cost: run.cpu ? cpuCost(run.cpu, writesPerSecond, machine().cores) : null,
  };
}

/** CPU milliseconds per write request, and the rate at which server + database would fill every core. */
export function cpuCost(c: CpuUse, writesPerSecond: number, cores: number) {
  if (c.server === null || !(writesPerSecond > 0)) return null;
  const perRequest = (busy: number | null) => ((busy ?? 0) * 1000) / writesPerSecond;
  const serverMs = perRequest(c.server);
  const postgresMs = perRequest(c.postgres);
  return {
    serverMs,
    postgresMs,
    clientMs: perRequest(c.client),
    // The server's JavaScript (and PGlite with it) runs on one thread: at most one core for the server, and
    // server + PostgreSQL together at most every core.
    ceilingWritesPerSecond: Math.min(1000 / serverMs, (cores * 1000) / (serverMs + postgresMs)),
  };
}

function roundSummary(s: LatencySummary) {
  return {
    count: s.count,
    mean: round(s.mean, 2),
    p50: round(s.p50, 2),
    p95: round(s.p95, 2),
    p99: round(s.p99, 2),
    max: round(s.max, 2),
  };
}

/** Print one run and write its JSON; `failed` when requests failed or the database disagrees with the client. */
export async function report(run: Run, ceiling: Run | null): Promise<{ failed: boolean }> {
  const { load, raw } = run;
  const steps = Object.fromEntries(STEPS.map((s) => [s, summarize(load.samples[s])])) as Record<
    (typeof STEPS)[number],
    LatencySummary
  >;
  const { all, workflowsPerSecond, writesPerSecond, cost } = figures(run);
  const ratio = raw ? writesPerSecond / raw.perSecond : null;
  const failureRate = load.requests.total ? load.failures.total / load.requests.total : 0;
  const machineInfo = machine();
  const ofCeiling = ceiling ? workflowsPerSecond / figures(ceiling).workflowsPerSecond : null;

  console.log(`\n== ${run.name}: ${String(run.details.engine)} ==`);
  console.log(
    table([
      ['workflows completed (measured window)', String(load.workflowsInWindow)],
      ['workflows per second', fixed(workflowsPerSecond)],
      ['write requests per second', fixed(writesPerSecond)],
      ['write latency p50 (ms)', ms(all.p50)],
      ['write latency p95 (ms)', ms(all.p95)],
      ['write latency p99 (ms)', ms(all.p99)],
      ...STEPS.map((s) => [`  ${s} p95 (ms)`, ms(steps[s].p95)]),
      ...(raw
        ? [
            [
              `raw INSERT transactions per second (${raw.concurrency === 1 ? 'sequential' : `${raw.concurrency} loops`})`,
              fixed(raw.perSecond),
            ],
            ['write tx/s / raw insert tx/s', fixed(ratio ?? NaN, 3)],
          ]
        : []),
      ...(ofCeiling !== null ? [['workflows/s / ceiling workflows/s', fixed(ofCeiling, 3)]] : []),
      [
        'failed requests (measured / all)',
        `${load.failures.inWindow} / ${load.failures.total} of ${load.requests.total} (${fixed(failureRate * 100, 3)}%)`,
      ],
    ]),
  );
  const slice = load.timeline.sliceSeconds;
  console.log(
    `  workflows/s in successive ${fixed(slice, 1)} s slices of the window: ` +
      load.timeline.workflows.map((n) => fixed(n / slice)).join(', '),
  );
  const b = run.births;
  console.log(
    `  declarations: ${b.declarations + b.duplicates} (${b.children} distinct children's names, ${b.mothers} distinct ` +
      `mothers' names); true duplicates declared ${load.duplicates.declared}, ` +
      (run.name === 'ceiling'
        ? 'not checked (the ceiling has no duplicate detection)'
        : `caught ${load.duplicates.caught} of ${load.duplicates.declared}`),
  );
  console.log('\n  per step (ms, measured window)');
  console.log(
    table(
      STEPS.map((s) => [
        s,
        String(steps[s].count),
        ms(steps[s].mean),
        ms(steps[s].p50),
        ms(steps[s].p95),
        ms(steps[s].p99),
        ms(steps[s].max),
      ]),
      ['step', 'count', 'mean', 'p50', 'p95', 'p99', 'max'],
    ),
  );
  if (run.cpu) {
    const c = run.cpu;
    console.log(
      `\n  CPU in the window (cores busy, of ${machineInfo.cores}): server ${cores(c.server)}, ` +
        `bench client ${cores(c.client)}, PostgreSQL backends of the server ${cores(c.postgres)}, ` +
        `other processes ${cores(c.other)}, whole machine ${cores(c.machine)}; taken by the host (steal) ${cores(c.stolen)}`,
    );
    if (cost) {
      console.log(
        `  CPU per write request: server ${fixed(cost.serverMs, 2)} ms, postgres ${fixed(cost.postgresMs, 2)} ms, ` +
          `bench client ${fixed(cost.clientMs, 2)} ms\n  CPU-bound ceiling at these costs on ${machineInfo.cores} idle ` +
          `cores (server on its one thread, database on the rest; no client): ~${fixed(cost.ceilingWritesPerSecond, 0)} ` +
          `writes/s = ~${fixed(cost.ceilingWritesPerSecond / 4, 0)} workflows/s`,
      );
    }
    if (c.other !== null && c.other > 0.2) {
      console.log(
        `  WARNING: other processes used ${cores(c.other)} cores during the window: these figures understate ` +
          "what this machine can do; compare ratios to the same run's ceiling, not absolute figures",
      );
    }
    if (c.stolen !== null && c.stolen > 0.1) {
      console.log(
        `  WARNING: the host gave ${cores(c.stolen)} of this machine's cores to other machines during the window ` +
          '(steal): every figure of the window is slowed by it, and unevenly between runs',
      );
    }
  }
  console.log(
    `  records REGISTERED in the database: ${run.registeredInDatabase} (workflows completed by the client, all phases: ${load.workflowsCompleted})`,
  );
  if (raw) {
    console.log(
      `  raw insert payload: ${raw.payloadBytes} bytes of JSON per row; ${raw.transactions} rows in ${fixed(raw.seconds, 2)} s`,
    );
    if (raw.failures) console.log(`  raw insert FAILURES: ${raw.failures}`);
  }
  if (load.failures.total) {
    console.log('  FAILURES by step and status:', JSON.stringify(load.failures.byKind));
    for (const f of load.failures.samples) console.log(`    [${f.phase}] ${f.step} ${f.status}: ${f.message}`);
  }
  for (const e of run.refreshErrors) console.log(`  TOKEN ${e}`);
  // The demo-mode notice is expected at every start; anything else the server said is shown.
  const said = run.serverOutput.filter((line) => !line.includes('DEMO MODE'));
  if (said.length) {
    console.log(`  server output (${said.length} lines), first 10:`);
    for (const line of said.slice(0, 10)) console.log(`    ${line.slice(0, 400)}`);
  }
  if (run.serverExitCode !== 0) console.log(`  the server exited with code ${run.serverExitCode}`);

  const applies =
    run.name === TARGET.database && machineInfo.cores === TARGET.cores && settings.concurrency === TARGET.concurrency;
  const met =
    workflowsPerSecond >= TARGET.workflowsPerSecond &&
    all.p95 < TARGET.writeP95Ms &&
    (ofCeiling === null || ofCeiling >= TARGET.ofCeiling);
  if (run.name !== 'ceiling') {
    const target =
      `>= ${TARGET.workflowsPerSecond} workflows/s with write p95 < ${TARGET.writeP95Ms} ms` +
      ` and >= ${TARGET.ofCeiling} of the ceiling`;
    const verdict = met ? 'MET' : 'NOT MET';
    if (applies) {
      console.log(`\n  TARGET (PostgreSQL, ${TARGET.cores} cores, ${TARGET.concurrency} users): ${target}: ${verdict}`);
    } else {
      console.log(
        `\n  target (${target}) is set for PostgreSQL on ${TARGET.cores} cores at ${TARGET.concurrency} users; ` +
          `this run (${run.name}, ${machineInfo.cores} cores, ${settings.concurrency} users) for reference: ${verdict}`,
      );
    }
  }
  const integrity = run.registeredInDatabase === load.workflowsCompleted;
  if (!integrity) {
    console.log(
      `  MISMATCH: the database holds ${run.registeredInDatabase} registered records, the client completed ${load.workflowsCompleted}`,
    );
  }
  const missed = run.name !== 'ceiling' && load.duplicates.caught < load.duplicates.declared;
  if (missed) console.log(`  MISSED DUPLICATES: ${load.duplicates.declared - load.duplicates.caught}`);
  await writeJson(run, { applies, met, ofCeiling, ratio, failureRate });
  return { failed: failureRate > settings.maxFailureRate || !integrity || (raw?.failures ?? 0) > 0 || missed };
}

async function writeJson(
  run: Run,
  extra: { applies: boolean; met: boolean; ofCeiling: number | null; ratio: number | null; failureRate: number },
) {
  const { load, raw } = run;
  const { all, workflowsPerSecond, writesPerSecond, cost } = figures(run);
  const json = {
    benchmark: 'workflows',
    database: run.name,
    at: new Date().toISOString(),
    commit: gitCommit(),
    machine: { ...machine(), loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)) },
    settings: { ...settings, databaseUrl: settings.databaseUrl ? '(set)' : undefined },
    databaseDetails: run.details,
    results: {
      workflowsCompleted: load.workflowsInWindow,
      workflowsPerSecond: round(workflowsPerSecond, 2),
      workflowsPerSecondOverTime: load.timeline.workflows.map((n) => round(n / load.timeline.sliceSeconds, 2)),
      writeRequestsPerSecond: round(writesPerSecond, 2),
      writeLatencyMs: roundSummary(all),
      stepLatencyMs: Object.fromEntries(STEPS.map((s) => [s, roundSummary(summarize(load.samples[s]))])),
      rawInsert: raw && { ...raw, perSecond: round(raw.perSecond, 1), seconds: round(raw.seconds, 3) },
      writeToRawInsertRatio: extra.ratio === null ? null : round(extra.ratio, 4),
      ofCeiling: extra.ofCeiling === null ? null : round(extra.ofCeiling, 3),
      cpuCoresBusy:
        run.cpu && Object.fromEntries(Object.entries(run.cpu).map(([k, v]) => [k, v === null ? v : round(v, 3)])),
      cpuMsPerWriteRequest: cost,
      births: run.births,
      duplicates: load.duplicates,
      requests: load.requests,
      failures: load.failures,
      failureRate: extra.failureRate,
      workflowsCompletedAllPhases: load.workflowsCompleted,
      registeredInDatabase: run.registeredInDatabase,
      serverExitCode: run.serverExitCode,
      serverOutput: run.serverOutput.slice(0, 50),
    },
    target: { ...TARGET, applies: extra.applies, met: extra.met },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `workflows-${run.name}.json`);
  // Formatted as the repository's Prettier would, so `prettier --check .` stays clean after a run.
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(JSON.stringify(json, null, 2), { ...options, parser: 'json' }));
  console.log(`  results: ${path.relative(REPO_ROOT, file)}`);
}

/** Lifeline against the ceiling of the same invocation, side by side. */
export function compare(lifeline: Run, ceiling: Run) {
  const a = figures(lifeline);
  const c = figures(ceiling);
  const cpu = (f: ReturnType<typeof figures>) =>
    f.cost ? `${fixed(f.cost.serverMs, 2)} + ${fixed(f.cost.postgresMs, 2)} + ${fixed(f.cost.clientMs, 2)}` : 'n/a';
  console.log('\n== Lifeline / ceiling (PostgreSQL, same invocation) ==');
  console.log(
    table(
      [
        [
          'workflows/s',
          fixed(a.workflowsPerSecond),
          fixed(c.workflowsPerSecond),
          fixed(a.workflowsPerSecond / c.workflowsPerSecond, 3),
        ],
        ['write p95 (ms)', ms(a.all.p95), ms(c.all.p95), fixed(a.all.p95 / c.all.p95, 2)],
        [
          'CPU ms/write: server + postgres + client',
          cpu(a),
          cpu(c),
          a.cost && c.cost
            ? fixed((a.cost.serverMs + a.cost.postgresMs) / (c.cost.serverMs + c.cost.postgresMs), 2)
            : '-',
        ],
      ],
      ['', 'lifeline', 'ceiling', 'ratio'],
    ),
  );
}
