import { runChaos } from './chaos.ts';

/**
 * `npm run bench:offline`: 10,000 declarations (BENCH_OFFLINE_SUBMISSIONS) from 16 Node devices running the web
 * app's outbox code, through a proxy that drops, duplicates and cuts 5% of requests each and delays all, with a
 * server crash and restart a third of the way; then the register is read back. On BENCH_DATABASE_URL (a
 * PostgreSQL server, a fresh database made on it) when set, else the embedded database.
 */
const submissions = Number(process.env.BENCH_OFFLINE_SUBMISSIONS ?? 10_000);
const devices = Number(process.env.BENCH_OFFLINE_DEVICES ?? 32);
const rates = { drop: 0.05, duplicate: 0.05, cut: 0.05, maxDelayMs: 40 };

const report = await runChaos({
  submissions,
  devices,
  batch: 25,
  rates,
  restartAt: 0.33,
  databaseUrl: process.env.BENCH_DATABASE_URL,
  seed: 2026,
  log: (line) => console.log(`  ${line}`),
});

const p = report.proxy;
const pct = (n: number) => `${((100 * n) / p.requests).toFixed(1)}%`;
console.log(`
Offline delivery through chaos (${report.database})
  submissions sent from ${devices} devices:  ${report.submissions.toLocaleString('en')}
  records in the register:                 ${report.records.toLocaleString('en')}
  lost:                                     ${report.lost}
  duplicated:                               ${report.duplicated}
  unexpected records (orphans, other):      ${report.unexpected}
  documents intact (SHA-256 of the stored bytes): ${report.documentsIntact.toLocaleString('en')} / ${report.documents.toLocaleString('en')}
  refused or needing a person:              ${report.refused.length}
  server restarts mid-run:                  ${report.restarts}
  requests through the proxy:               ${p.requests.toLocaleString('en')}
    dropped ${p.dropped.toLocaleString('en')} (${pct(p.dropped)}), duplicated ${p.duplicated.toLocaleString('en')} (${pct(p.duplicated)}), cut mid-answer ${p.cut.toLocaleString('en')} (${pct(p.cut)}), delayed ${p.delayed.toLocaleString('en')}, upstream down ${p.upstreamErrors}
  time: ${report.seconds.toFixed(0)} s (${(report.submissions / report.seconds).toFixed(1)} submissions/s delivered)
`);
for (const line of report.refused.slice(0, 10)) console.log(`  refused: ${line}`);
const ok =
  report.records === report.submissions &&
  report.lost === 0 &&
  report.duplicated === 0 &&
  report.unexpected === 0 &&
  report.documentsIntact === report.documents &&
  report.refused.length === 0;
console.log(ok ? 'PASS: nothing lost, nothing duplicated, every document intact' : 'FAIL');
process.exit(ok ? 0 : 1);
