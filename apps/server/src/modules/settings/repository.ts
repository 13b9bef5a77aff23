import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withVersions } from './tables.ts';

/** The layers kept in `settings_versions`. */
export type Layer = 'settings' | 'content' | `certificate-template.${string}`;

/** The channel on which a copy announces a new version (`<layer>:<version>`) to every copy. */
export const SETTINGS_CHANNEL = 'lifeline_settings';

export interface VersionRow {
  version: number;
  data: Record<string, unknown>;
  reason: string;
  createdBy: string;
  createdByRole: string;
  createdAt: Date;
  rollbackOf: number | null;
}

const COLUMNS = [
  'version',
  'data',
  'reason',
  'created_by as createdBy',
  'created_by_role as createdByRole',
  'created_at as createdAt',
  'rollback_of as rollbackOf',
] as const;

/** The newest version of a layer, or undefined while the package alone is in force (version 0). */
export async function latestVersion(db: Db, layer: Layer): Promise<VersionRow | undefined> {
  return withVersions(db)
    .selectFrom('settings_versions')
    .select(COLUMNS)
    .where('layer', '=', layer)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The number of the newest version of each layer (the fallback check when a message was missed). */
export async function versionNumbers(db: Db): Promise<Record<string, number>> {
  const rows = await withVersions(db)
    .selectFrom('settings_versions')
    .select(['layer', sql<number>`max(version)::int`.as('version')])
    .groupBy('layer')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.layer, r.version]));
}

export async function findVersion(db: Db, layer: Layer, version: number): Promise<VersionRow | undefined> {
  return withVersions(db)
    .selectFrom('settings_versions')
    .select(COLUMNS)
    .where('layer', '=', layer)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: Db, layer: Layer, limit: number, offset: number) {
  const rows = await withVersions(db)
    .selectFrom('settings_versions')
    .select(COLUMNS.filter((c) => c !== 'data'))
    .where('layer', '=', layer)
    .orderBy('version', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows as Array<Omit<VersionRow, 'data'>>;
}

/**
 * Add the next version of a layer inside the caller's transaction, after taking the layer's lock (so two
 * administrators saving at once get versions n and n+1, each built on the one before), and announce it.
 */
export async function lockLayer(trx: Db, layer: Layer): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`settings_versions:${layer}`}))`.execute(trx);
  const latest = await withVersions(trx)
    .selectFrom('settings_versions')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('version'))
    .where('layer', '=', layer)
    .executeTakeFirstOrThrow();
  return latest.version;
}

export async function insertVersion(trx: Db, layer: Layer, row: Omit<VersionRow, 'createdAt'>): Promise<void> {
  await withVersions(trx)
    .insertInto('settings_versions')
    .values({
      layer,
      version: row.version,
      data: JSON.stringify(row.data),
      reason: row.reason,
      created_by: row.createdBy,
      created_by_role: row.createdByRole,
      rollback_of: row.rollbackOf,
    })
    .execute();
  // Delivered on commit to every copy listening, this one included.
  await sql`SELECT pg_notify(${SETTINGS_CHANNEL}, ${`${layer}:${row.version}`})`.execute(trx);
}
