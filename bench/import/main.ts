import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openPglite, openPostgres, type BenchDatabase } from '../search/database.ts';
import { SearchRequest } from '@lifeline/domain';
import type { AppContext } from '../../apps/server/src/context.ts';
import { findRecords } from '../../apps/server/src/modules/search/service.ts';
import { nationalRegistrar } from '../search/queries.ts';
import { generateBirths } from './generate.ts';
import { watchCpu, type CpuUsed } from './watch.ts';

/**
 * `npm run bench:import`: BENCH_ROWS (100,000) legacy births as CSV, imported with the real command
 * (`lifeline import FILE --type birth`, a child process) on PostgreSQL when BENCH_DATABASE_URL is set (a fresh
 * schema, dropped after), else on the embedded database; then the same file again, which must add nothing.
 * Prints records/s as the command measures it, the CPU time per record of the command and of its PostgreSQL
 * backends (from /proc: the figure that other work on a shared machine skews least), the import's peak memory, and
 * checks: the bad rows refused, the same file again adds 0, every record counted in the statistics, the server's
 * search finds the last record by its original number and by its name typed with a typo, and (BENCH_DUPLICATES=
 * rules) every planted near-duplicate reported. Exits 1 when a check fails.
 *
 * BENCH_ROWS, BENCH_DATABASE_URL, BENCH_DUPLICATES (exact | rules), BENCH_KEEP=1 (keep the schema),
 * BENCH_REUSE_SCHEMA (import another file into a kept schema), BENCH_SEED, BENCH_NODE_ARGS (e.g. --cpu-prof).
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** `rules`: the import also applies the country's duplicate rules (`--duplicates rules`); `exact` (default) not. */
const DUPLICATES = process.env.BENCH_DUPLICATES ?? 'exact';
/** Another file into the register a run kept (BENCH_KEEP=1 printed its schema): its numbers get another prefix. */
const REUSE = process.env.BENCH_REUSE_SCHEMA;
const SEED = process.env.BENCH_SEED ?? (REUSE ? `r${Date.now().toString(36)}` : 'import');
const PREFIX = SEED === 'import' ? 'B' : `B-${SEED.toUpperCase()}`;
const url = process.env.BENCH_DATABASE_URL;
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Extra node flags for the import command, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for a CPU profile. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

function runCli(env: Record<string, string>, args: string[]): Promise<{ code: number; output: string; cpu: CpuUsed }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, path.join(ROOT, 'apps/server/bin/lifeline.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const applicationName = env.DATABASE_URL ? new URL(env.DATABASE_URL).searchParams.get('application_name') : null;
    const watch = watchCpu(child.pid!, url, applicationName ?? undefined);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      void watch.stop().then((cpu) => resolve({ code: code ?? 1, output, cpu }), reject);
    });
  });
}

/**
 * The server's own search (as a national registrar) over the imported records: the last imported one by its
 * original registration number, and by its child's name typed with a typo.
 */
async function searchImported(ctx: AppContext, numbers: string) {
  const { rows } = await sql<{
    id: string;
    n: string;
    dob: string;
    declaration: Record<string, { firstname?: string; surname?: string }>;
  }>`
    SELECT event_id AS id, registration_number AS n, declaration, to_char(date_of_event, 'YYYY-MM-DD') AS dob
    FROM event_index
    WHERE 'imported' = ANY(flags) AND registration_number LIKE ${numbers}
    ORDER BY registration_number DESC LIMIT 1`.execute(ctx.db);
  const record = rows[0];
  const user = nationalRegistrar(ctx);
  const name = `${record.declaration['child.name']?.firstname ?? ''} ${record.declaration['child.name']?.surname ?? ''}`;
  // One letter dropped from the surname, as someone types it.
  const typed = name.slice(0, -2) + name.slice(-1);
  const search = async (query: unknown) =>
    (await findRecords(ctx, user, SearchRequest.parse({ query, limit: 100 }))).results.some((r) => r.id === record.id);
  return {
    number: record.n,
    byNumber: await search({ type: 'and', clauses: [{ registrationNumber: { type: 'exact', term: record.n } }] }),
    name,
    typed,
    // With the date of birth, as a clerk searches: a common name alone matches hundreds of a million records.
    byName: await search({
      type: 'and',
      clauses: [
        { data: { 'child.name': { type: 'fuzzy', term: typed } }, dateOfEvent: { type: 'exact', term: record.dob } },
      ],
    }),
  };
}

async function main() {
  const db: BenchDatabase = url ? await openPostgres(url, 4, REUSE) : await openPglite(REUSE);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-import-'));
  let failed: boolean | undefined;
  try {
    console.log(`database: ${db.details.engine}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
    const country = db.runtime.ctx.country;
    const file = path.join(dir, 'births.csv');
    const t0 = performance.now();
    const generated = await generateBirths(country, file, ROWS, SEED, PREFIX);
    const badRows = generated.bad.date + generated.bad.office + generated.bad.number;
    console.log(
      `generated ${ROWS.toLocaleString('en')} rows (${(statSync(file).size / 1e6).toFixed(0)} MB, ${badRows} bad on purpose) ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    // The command opens the database itself (the embedded one allows one process at a time).
    await db.closeRuntime();
    const first = await runCli(db.cliEnv, [
      'import',
      file,
      '--type',
      'birth',
      '--report',
      path.join(dir, 'refused.csv'),
      '--duplicates',
      DUPLICATES,
      '--duplicates-report',
      path.join(dir, 'duplicates.csv'),
    ]);
    const again = await runCli(db.cliEnv, ['import', file, '--type', 'birth']);
    const rate = /this run: (\d+) records in ([\d.]+) s \((\d+) records\/s\)/.exec(first.output);
    const added = /this run: (\d+) records/.exec(again.output);
    const runtime = await db.reopen();
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
      Number((await query.execute(runtime.ctx.db)).rows[0].n);
    // This run's records only (a reused register holds others).
    const mine = `${PREFIX}/%`;
    const imported = await count(
      sql`SELECT count(*) AS n FROM event_index WHERE 'imported' = ANY(flags) AND registration_number LIKE ${mine}`,
    );
    const facts = await count(sql`
      SELECT count(*) AS n FROM registration_facts f JOIN event_index e ON e.event_id = f.event_id
      WHERE e.registration_number LIKE ${mine}`);
    const latest = sql`(SELECT id FROM imports ORDER BY started_at DESC LIMIT 1)`;
    const refused = await count(sql`SELECT count(*) AS n FROM import_refusals WHERE import_id = ${latest}`);
    const reported = await sql<{ n: string }>`
      SELECT DISTINCT registration_number AS n FROM import_duplicates WHERE import_id = ${latest}`.execute(
      runtime.ctx.db,
    );
    const reportedNumbers = new Set(reported.rows.map((r) => r.n));
    const plantedFound = generated.duplicates.filter((n) => reportedNumbers.has(n)).length;
    const found = await searchImported(runtime.ctx, mine);
    console.log('');
    console.log(
      `import:    ${rate ? `${Number(rate[1]).toLocaleString('en')} records in ${rate[2]} s = ${Number(rate[3]).toLocaleString('en')} records/s` : 'no figure printed'}`,
    );
    if (rate) {
      const n = Number(rate[1]);
      const ms = (s: number | null) => (s === null ? '?' : ((s * 1000) / n).toFixed(3));
      // The command's start-up (loading the country, migrations check, the file's SHA-256) is what the re-import
      // costs, which adds nothing: left out of the per-record figure.
      const nodeS = Math.max(0, first.cpu.node - again.cpu.node);
      const pgMs = first.cpu.postgres === null ? null : Math.max(0, first.cpu.postgres - (again.cpu.postgres ?? 0));
      console.log(
        (pgMs === null
          ? `cpu:       ${ms(nodeS)} ms/record, node with the embedded database in it`
          : `cpu:       ${ms(nodeS + pgMs)} ms/record = node ${ms(nodeS)} + PostgreSQL backends ${ms(pgMs)}`) +
          ` (load average ${first.cpu.load[0].toFixed(1)} at the start, ${first.cpu.load[1].toFixed(1)} at the end; ${os.cpus().length} cores)`,
      );
    }
    if (first.cpu.peakRssMb !== null)
      console.log(`memory:    peak RSS of the import ${first.cpu.peakRssMb.toFixed(0)} MB`);
    console.log(`re-import: ${added ? added[1] : '?'} records added`);
    console.log(
      `register:  ${imported.toLocaleString('en')} imported records, ${facts.toLocaleString('en')} statistics rows, ` +
        `${refused} refused rows (${badRows} bad on purpose; the rest duplicates by names and date of birth)`,
    );
    console.log(
      `search:    registration number ${found.number} finds ${found.byNumber ? 'it' : 'NOTHING'}; ` +
        `"${found.name}" (with a typo: "${found.typed}") and the date of birth finds ${found.byName ? 'it' : 'NOT it'}`,
    );
    console.log(
      DUPLICATES === 'rules'
        ? `dedup:     country rules: ${reportedNumbers.size} rows reported as possible duplicates; ` +
            `${plantedFound} of ${generated.duplicates.length} planted duplicates among them`
        : `dedup:     exact rule only (${generated.duplicates.length} planted near-duplicates imported, not looked for; BENCH_DUPLICATES=rules)`,
    );
    failed =
      first.code !== 0 ||
      again.code !== 0 ||
      !added ||
      added[1] !== '0' ||
      refused < badRows ||
      imported + refused !== ROWS ||
      !found.byNumber ||
      !found.byName ||
      (DUPLICATES === 'rules' && plantedFound !== generated.duplicates.length);
    if (failed) console.log('FAILED: see the figures above');
  } finally {
    await db.dispose(process.env.BENCH_KEEP === '1' || !!REUSE);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed === false ? 0 : 1);
}

await main();
