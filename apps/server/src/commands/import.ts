import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { ImportFormat, type ImportView } from '@lifeline/domain';
import pino from 'pino';
import type { AppContext } from '../context.ts';
import { prepareCountry } from '../country.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { ServerEnv } from '../lib/env.ts';
import { loadCountry } from '../load-country.ts';
import { CLI_ACTOR } from '../modules/imports/actor.ts';
import { ProgressBar } from '../modules/imports/progress-bar.ts';
import {
  DEFAULT_DUPLICATE_CHECK,
  duplicateReportLines,
  openImport,
  reportLines,
  runImport,
} from '../modules/imports/service.ts';

const USAGE = `usage: lifeline import FILE --type EVENT [--format csv|fhir] [--report REPORT.csv] [--batch ROWS]
                       [--duplicates exact|rules] [--duplicates-report DUPLICATES.csv]
  CSV columns by the country's import map (docs/importing.md); --format fhir: NDJSON, one FHIR R4 Bundle a line;
  --duplicates rules: also report rows the country's duplicate rules match (default exact: same names and date)`;

/**
 * `lifeline import FILE --type birth`: a legacy register into this one. Running it again resumes an interrupted
 * run, or adds nothing once done; Ctrl-C stops after the batch being written. Refused rows go to the report.
 */
export async function runImportCommand(env: ServerEnv, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      report: { type: 'string' },
      batch: { type: 'string' },
      duplicates: { type: 'string', default: DEFAULT_DUPLICATE_CHECK },
      'duplicates-report': { type: 'string' },
    },
  });
  const file = positionals[0];
  const format = ImportFormat.safeParse(values.format);
  const duplicates = values.duplicates;
  if (!file || !values.type || !format.success || (duplicates !== 'exact' && duplicates !== 'rules')) {
    console.error(USAGE);
    return 2;
  }
  const country = prepareCountry(await loadCountry());
  const handle = await connectDatabase({
    databaseUrl: env.databaseOwnerUrl ?? env.databaseUrl,
    dataDir: env.dataDir,
    poolSize: 2,
  });
  const stop = new AbortController();
  const interrupt = () => {
    if (!stop.signal.aborted) console.error('\nstopping after the batch being written (Ctrl-C again to force)');
    else process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  try {
    await migrateToLatest(handle.db, handle.schema);
    const ctx: AppContext = { db: handle.db, dbKind: handle.kind, country, env, log: pino({ level: 'warn' }) };
    const job = await openImport(ctx, CLI_ACTOR, {
      path: file,
      fileName: path.basename(file),
      eventType: values.type,
      format: format.data,
    });
    if (job.status === 'done')
      console.log(`${path.basename(file)} was imported before (import ${job.id}): nothing to add`);
    else if (job.rows) console.log(`resuming import ${job.id} after row ${job.rows}`);
    const bar = new ProgressBar(process.stderr, job.rows);
    const started = performance.now();
    const before = job.imported;
    const view = await runImport(
      ctx,
      CLI_ACTOR,
      job,
      { path: file },
      {
        batchSize: values.batch ? Number(values.batch) : undefined,
        duplicates,
        signal: stop.signal,
        onProgress: (v) => bar.update(v),
      },
    );
    bar.done();
    const seconds = (performance.now() - started) / 1000;
    const added = view.imported - before;
    printSummary(view, added, seconds);
    if (view.refused) {
      const report = values.report ?? `${file}.refused.csv`;
      await writeReport(reportLines(ctx, view.id), report);
      console.log(`refused rows and their reasons: ${report}`);
    }
    if (view.possibleDuplicates) {
      const report = values['duplicates-report'] ?? `${file}.duplicates.csv`;
      await writeReport(duplicateReportLines(ctx, view.id), report);
      console.log(`possible duplicates (imported, for review) and the records they match: ${report}`);
    }
    if (view.status !== 'done') {
      console.log(`interrupted after row ${view.rows}: run the same command again to resume`);
      return 130;
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    await handle.close();
  }
}

function printSummary(view: ImportView, added: number, seconds: number) {
  const rate = Math.round(added / Math.max(seconds, 0.001));
  console.log(
    `import ${view.id} (${view.eventType}, ${view.format}): ${view.rows} rows read, ${view.imported} imported, ` +
      `${view.refused} refused, ${view.skipped} already there` +
      (view.possibleDuplicates ? `, ${view.possibleDuplicates} possible duplicates` : ''),
  );
  console.log(`this run: ${added} records in ${seconds.toFixed(1)} s (${rate} records/s)`);
}

async function writeReport(lines: AsyncGenerator<string>, file: string) {
  const out = createWriteStream(file);
  for await (const chunk of lines) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
