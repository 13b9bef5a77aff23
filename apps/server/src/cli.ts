import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { parseArgs } from 'node:util';
import { readEnv, trainingEnv } from './lib/env.ts';
import { loadCountry } from './load-country.ts';
import { verifyLogs } from './modules/audit/verify.ts';
import { createRuntime } from './server.ts';

const USAGE = `Usage: lifeline <command>

  start        start the server (PORT, DATA_DIR, DATABASE_URL... see README);
               --training: practice mode, on a database of its own, never the real register
  migrate      bring the database schema up to date
  verify-log   recompute every hash chain of the register and the audit log; exit 1 on any break
  reindex      rebuild the search projection and statistics rows from the action log, online; resumable
  init         production: create the first national system administrator (prints a one-time password):
               init [--username NAME] --email ADDRESS | --mobile NUMBER (where their login codes go)
  check-config validate the country config and exit
  config export DIR
               write the config in force (country package + settings changed in the app) as JSON files`;

async function start(args: string[]) {
  const { values } = parseArgs({ args, options: { training: { type: 'boolean', default: false } } });
  const env = values.training ? trainingEnv(readEnv()) : readEnv();
  const started = Date.now();
  const runtime = await createRuntime(env);
  const address = await runtime.app.listen({ port: env.port, host: env.host });
  runtime.ctx.log.info(
    { database: runtime.ctx.dbKind, ms: Date.now() - started, demoUsers: env.seedDemoUsers },
    `Lifeline listening on ${address}`,
  );
  if (env.training) {
    runtime.ctx.log.warn(
      `PRACTICE MODE: a database of its own (${runtime.ctx.dbKind === 'postgres' ? 'schema lifeline_training' : env.dataDir}); ` +
        'demo staff with password "test"; nothing done here touches the real register.',
    );
  } else if (!env.production) {
    runtime.ctx.log.warn(
      'DEMO MODE: demo users have password "test"' +
        (env.authDevCode ? ` and ${env.authDevCode} is accepted as every login code` : '') +
        '. Set NODE_ENV=production for a real deployment.',
    );
  }
  const stop = async (signal: string) => {
    runtime.ctx.log.info(`${signal}: shutting down`);
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof connectDatabase>>['db']) => Promise<T>): Promise<T> {
  const env = readEnv();
  const handle = await connectDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: 2 });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'start':
      await start(rest);
      return -1;
    case 'migrate': {
      const applied = await withDatabase(migrateToLatest);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      return 0;
    }
    case 'verify-log': {
      const report = await withDatabase((db) => verifyLogs(db));
      console.log(
        `checked ${report.actions} actions of ${report.records} records and ${report.auditEntries} audit entries`,
      );
      for (const p of report.problems) console.log(`BROKEN ${p.table} ${p.chain} #${p.position}: ${p.problem}`);
      console.log(report.problems.length ? `${report.problems.length} problem(s) found` : 'every chain is intact');
      return report.problems.length ? 1 : 0;
    }
    case 'reindex': {
      const { runReindex } = await import('./commands/reindex.ts');
      return runReindex(readEnv());
    }
    case 'init': {
      const { runInit } = await import('./commands/init.ts');
      return runInit(readEnv(), rest);
    }
    case 'config': {
      const { runConfigExport } = await import('./commands/config-export.ts');
      return runConfigExport(readEnv(), rest);
    }
    case 'check-config': {
      const config = await loadCountry();
      console.log(
        `country config is valid: ${config.events.length} event types, ${config.roles.length} roles, ` +
          `${config.locations.length} locations, ${config.employees.length} employees`,
      );
      return 0;
    }
    default:
      console.log(USAGE);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
