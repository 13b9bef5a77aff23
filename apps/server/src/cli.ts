import { migrateAndGrant } from './db/owner.ts';
import { parseArgs } from 'node:util';
import { readEnv, trainingEnv } from './lib/env.ts';
import { loadCountry } from './load-country.ts';
import { createRuntime } from './server.ts';

const USAGE = `Usage: lifeline <command>

  start        start the server (PORT, DATA_DIR, DATABASE_URL... see README);
               --training: practice mode, on a database of its own, never the real register
  migrate      bring the database schema up to date as the owner (DATABASE_OWNER_URL, else DATABASE_URL); when
               DATABASE_URL is another role, create it if missing and grant it what the server may do
  verify-log   recompute every hash chain, every record's projection and certificate from its actions, and check
               every signed checkpoint of chain heads; exit 1 on any problem:
               verify-log [--key PUBLIC_KEY_FILE] [--checkpoints COPIES_FILE] (copies kept outside the database)
  backup DIR   the database (one consistent snapshot) and the signing keys sealed with BACKUP_PASSPHRASE
  restore DIR  (server stopped) the backup into an empty database (--replace: over this one); every number
               sequence resumes RESTORE_NUMBER_GAP (10000) above the backup's, recorded in the audit log
  checkpoint   write a signed checkpoint of every chain head now and print it (the server writes one every
               CHECKPOINT_INTERVAL_SECONDS)
  reindex      rebuild the search projection and statistics rows from the action log, online; resumable
  init         production: create the first national system administrator (prints a one-time password):
               init [--username NAME] --email ADDRESS | --mobile NUMBER (where their login codes go)
  check-config validate the country config and exit
  config export DIR
               write the config in force (country package + settings changed in the app) as JSON files
  import FILE  bring a legacy register in as registered records keeping their original numbers (docs/importing.md):
               import FILE --type birth|death [--format csv|fhir] [--report REFUSED.csv] [--batch ROWS];
               the same file again resumes an interrupted run or adds nothing`;

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

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'start':
      await start(rest);
      return -1;
    case 'migrate': {
      const { loadCountry } = await import('./load-country.ts');
      const eventTypes = (await loadCountry()).events.map((e) => e.id);
      const { applied, appRole, createdRole } = await migrateAndGrant(readEnv(), eventTypes);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      if (appRole) console.log(`${createdRole ? 'created and granted' : 'granted'} the server's role ${appRole}`);
      return 0;
    }
    case 'verify-log': {
      const { runVerifyLog } = await import('./commands/verify-log.ts');
      return runVerifyLog(readEnv(), rest);
    }
    case 'backup': {
      const { runBackup } = await import('./commands/backup.ts');
      return runBackup(readEnv(), rest);
    }
    case 'restore': {
      const { runRestore } = await import('./commands/backup.ts');
      return runRestore(readEnv(), rest);
    }
    case 'checkpoint': {
      const { runCheckpoint } = await import('./commands/checkpoint.ts');
      return runCheckpoint(readEnv());
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
    case 'import': {
      const { runImportCommand } = await import('./commands/import.ts');
      return runImportCommand(readEnv(), rest);
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
