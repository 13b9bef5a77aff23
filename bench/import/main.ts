import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openPglite, openPostgres, type BenchDatabase } from '../search/database.ts';
import { generateBirths } from './generate.ts';
import { watchCpu, type CpuUsed } from './watch.ts';

/**
 * `npm run bench:import`: BENCH_ROWS (100,000) legacy births as CSV, imported with the real command
 * (`lifeline import FILE --type birth`, a child process) on PostgreSQL when BENCH_DATABASE_URL is set (a fresh
 * schema, dropped after), else on the embedded database; then the same file again, which must add nothing.
 * Prints records/s as the command measures it, and checks the bad rows were refused and the rest is searchable.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
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

async function main() {
  const db: BenchDatabase = url ? await openPostgres(url, 4) : await openPglite();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lifeline-bench-import-'));
  let failed: boolean | undefined;
  try {
    console.log(`database: ${db.details.engine}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
    const country = db.runtime.ctx.country;
    const file = path.join(dir, 'births.csv');
    const t0 = performance.now();
    const generated = await generateBirths(country, file, ROWS);
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
    ]);
    const again = await runCli(db.cliEnv, ['import', file, '--type', 'birth']);
    const rate = /this run: (\d+) records in ([\d.]+) s \((\d+) records\/s\)/.exec(first.output);
    const added = /this run: (\d+) records/.exec(again.output);
    const runtime = await db.reopen();
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
      Number((await query.execute(runtime.ctx.db)).rows[0].n);
    const imported = await count(sql`SELECT count(*) AS n FROM event_index WHERE 'imported' = ANY(flags)`);
    const facts = await count(sql`SELECT count(*) AS n FROM registration_facts`);
    const refused = await count(sql`SELECT count(*) AS n FROM import_refusals`);
    const sample = await sql<{ n: string; names: string }>`
      SELECT registration_number AS n, names FROM event_index WHERE 'imported' = ANY(flags) ORDER BY registration_number DESC LIMIT 1`.execute(
      runtime.ctx.db,
    );
    const byNumber = await count(
      sql`SELECT count(*) AS n FROM event_index WHERE registration_number = ${sample.rows[0]?.n ?? ''}`,
    );
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
        `cpu:       ${ms(nodeS + (pgMs ?? 0))} ms/record = node ${ms(nodeS)} + PostgreSQL backends ${ms(pgMs)}` +
          ` (load average ${first.cpu.load[0].toFixed(1)} at the start, ${first.cpu.load[1].toFixed(1)} at the end; ${os.cpus().length} cores)`,
      );
    }
    console.log(`re-import: ${added ? added[1] : '?'} records added`);
    console.log(
      `register:  ${imported.toLocaleString('en')} imported records, ${facts.toLocaleString('en')} statistics rows, ` +
        `${refused} refused rows (${badRows} bad on purpose; the rest duplicates by names and date of birth)`,
    );
    console.log(`search:    registration number ${sample.rows[0]?.n} finds ${byNumber} record`);
    failed =
      first.code !== 0 ||
      again.code !== 0 ||
      !added ||
      added[1] !== '0' ||
      refused < badRows ||
      imported + refused !== ROWS;
    if (failed) console.log('FAILED: see the figures above');
  } finally {
    await db.dispose(process.env.BENCH_KEEP === '1');
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed === false ? 0 : 1);
}

await main();
