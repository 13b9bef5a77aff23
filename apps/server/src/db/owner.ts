import { connectDatabase, type DatabaseHandle, type Db } from './connect.ts';
import { ensureRegistrationSequences } from '../modules/events/identifiers.ts';
import { migrateToLatest } from './migrate.ts';
import { currentRole, currentSchema, ensureAppRole, grantAppRole, roleOf } from './roles.ts';

/**
 * Run schema work as the owner: on a connection of DATABASE_OWNER_URL when it is set (PostgreSQL server), then
 * grant the server's role (DATABASE_URL's, when another one) what it may do; without an owner URL, on the server's
 * own connection (one role does both, as before least privilege).
 */
export async function asOwner(
  app: DatabaseHandle,
  ownerUrl: string | false | undefined,
  searchPath: string | undefined,
  work: (owner: Db) => Promise<void>,
): Promise<void> {
  if (!ownerUrl || app.kind !== 'postgres') return work(app.db);
  const owner = await connectDatabase({ databaseUrl: ownerUrl, poolSize: 2, ...(searchPath ? { searchPath } : {}) });
  try {
    await work(owner.db);
    const role = await currentRole(app.db);
    if (role !== (await currentRole(owner.db))) await grantAppRole(owner.db, role, await currentSchema(owner.db));
  } finally {
    await owner.close();
  }
}

/**
 * `lifeline migrate` and `lifeline init`: migrate as the owner (DATABASE_OWNER_URL, else DATABASE_URL, else the
 * embedded database), and when DATABASE_URL logs in as another role, create that role if it does not exist (with its
 * URL's password; the owner needs CREATEROLE) and grant it what the server may do.
 */
export async function migrateAndGrant(
  env: {
    databaseUrl?: string;
    databaseOwnerUrl?: string;
    dataDir: string;
  },
  /** The country's event types: each gets its registration number sequence (the server's role may not create). */
  eventTypes: Iterable<string> = [],
): Promise<{ applied: string[]; appRole: string | null; createdRole: boolean }> {
  const ownerUrl = env.databaseOwnerUrl ?? env.databaseUrl;
  const owner = await connectDatabase({ databaseUrl: ownerUrl, dataDir: env.dataDir, poolSize: 2 });
  try {
    const applied = await migrateToLatest(owner.db, owner.schema);
    await ensureRegistrationSequences(owner.db, eventTypes);
    if (!env.databaseUrl || !ownerUrl || owner.kind !== 'postgres')
      return { applied, appRole: null, createdRole: false };
    const { role, password } = roleOf(env.databaseUrl);
    if (role === (await currentRole(owner.db))) return { applied, appRole: null, createdRole: false };
    const createdRole = await ensureAppRole(owner.db, role, password);
    await grantAppRole(owner.db, role, await currentSchema(owner.db));
    return { applied, appRole: role, createdRole };
  } finally {
    await owner.close();
  }
}
