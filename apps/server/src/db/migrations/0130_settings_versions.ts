import { sql, type Kysely } from 'kysely';

/**
 * Settings and content changed in the app: each change is a new version of a whole layer over the country
 * package (`settings`, or `content` for translations), with who made it, when and why. Rows are never changed:
 * a rollback is a new version carrying an old version's data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE settings_versions (
      layer text NOT NULL,
      version integer NOT NULL,
      data jsonb NOT NULL,
      reason text NOT NULL,
      created_by uuid NOT NULL,
      created_by_role text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      rollback_of integer,
      PRIMARY KEY (layer, version)
    )`.execute(db);
}
