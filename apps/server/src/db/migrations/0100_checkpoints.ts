import { sql, type Kysely } from 'kysely';

/**
 * Signed checkpoints of every chain head (modules/checkpoints): the checkpoints themselves and the heads each one
 * covers are append-only; covered_heads is the writer's working copy of the latest covered head of each chain
 * (what changed since is the next checkpoint's), never trusted by verify-log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE register_checkpoints (
      id bigint PRIMARY KEY,
      created_at timestamptz NOT NULL,
      previous text NOT NULL,
      root text NOT NULL,
      heads integer NOT NULL,
      audit_up_to bigint NOT NULL,
      key_id text NOT NULL,
      jws text NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE checkpoint_heads (
      checkpoint_id bigint NOT NULL,
      chain text NOT NULL,
      position bigint NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (checkpoint_id, chain)
    )`.execute(db);
  await sql`
    CREATE TABLE covered_heads (
      chain text PRIMARY KEY,
      position bigint NOT NULL,
      hash text NOT NULL
    )`.execute(db);
  for (const table of ['register_checkpoints', 'checkpoint_heads']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only_row BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION lifeline_forbid_change()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only_statement BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION lifeline_forbid_change()`,
      )
      .execute(db);
  }
}
