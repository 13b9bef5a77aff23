import { parseArgs } from 'node:util';
import type { CountryConfig } from '@lifeline/domain';
import pino from 'pino';
import type { AppContext } from '../context.ts';
import { prepareCountry } from '../country.ts';
import { connectDatabase, type ConnectOptions } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { migrateAndGrant } from '../db/owner.ts';
import type { ServerEnv } from '../lib/env.ts';
import { HttpError } from '../lib/errors.ts';
import { seedLocations } from '../modules/locations/seed.ts';
import { createFirstAdmin } from '../modules/users/service.ts';
import { loadCountry } from '../load-country.ts';

export interface InitOptions {
  /** Defaults to the env's database (DATABASE_URL, else the embedded one in DATA_DIR). */
  database?: ConnectOptions;
  country?: CountryConfig;
  /** Where the result goes; stdout and stderr by default. */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * `lifeline init [--username NAME] --email ADDRESS | --mobile NUMBER`: on a fresh production database, create the
 * first national system administrator and print their one-time password, once; it is not stored anywhere in clear.
 * Their login codes go to the email address or mobile number given (per NOTIFICATION_TRANSPORT). Exit code 1 when
 * users already exist or the address is missing.
 */
export async function runInit(
  env: ServerEnv,
  args: readonly string[] = [],
  options: InitOptions = {},
): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { values } = parseArgs({
    args: [...args],
    options: {
      username: { type: 'string', default: 'admin' },
      email: { type: 'string' },
      mobile: { type: 'string' },
    },
    allowPositionals: false,
  });
  const username = values.username ?? 'admin';

  const country = prepareCountry(options.country ?? (await loadCountry()));
  // With an owner role: the schema and the server's role first, as the owner (then the rest as the server's role).
  if (!options.database && env.databaseOwnerUrl) await migrateAndGrant(env);
  const handle = await connectDatabase(
    options.database ?? { databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: 2 },
  );
  try {
    await migrateToLatest(handle.db, handle.schema);
    const log = pino({ level: env.logLevel === 'silent' ? 'silent' : 'warn' });
    const ctx: AppContext = { db: handle.db, dbKind: handle.kind, country, env, log };
    // The admin's office must exist in the locations table, as at every start.
    await seedLocations(ctx);
    const { user, password } = await createFirstAdmin(ctx, username, {
      ...(values.email ? { email: values.email.trim().toLowerCase() } : {}),
      ...(values.mobile ? { mobile: values.mobile.trim() } : {}),
    });
    const where = [values.email, values.mobile].filter(Boolean).join(' / ');
    out(`Created the national system administrator "${user.username}" at office ${user.primaryOfficeId}.`);
    out(`Login codes will be sent to ${where}.`);
    out(`One-time password (shown only now; it must be changed at first login): ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError) {
      const fields = error.errors?.map((e) => ` ${e.field}: ${e.message}`).join(';') ?? '';
      err(`lifeline init: ${error.message}${fields}`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
