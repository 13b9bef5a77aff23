import { Migrator, sql, type Migration } from 'kysely';
import type { Db } from './connect.ts';
import * as m0001 from './migrations/0001_records.ts';
import * as m0002 from './migrations/0002_locations_audit.ts';
import * as m0003 from './migrations/0003_users_sessions.ts';
import * as m0004 from './migrations/0004_files.ts';
import * as m0005 from './migrations/0005_search.ts';
import * as m0010 from './migrations/0010_dedup.ts';
import * as m0006 from './migrations/0006_certificates.ts';
import * as m0011 from './migrations/0011_saved_searches.ts';
import * as m0012 from './migrations/0012_event_heads.ts';
import * as m0013 from './migrations/0013_name_words.ts';
import * as m0014 from './migrations/0014_event_index_keys.ts';
import * as m0040 from './migrations/0040_verification_misses.ts';
import * as m0080 from './migrations/0080_locations_source.ts';
import * as m0030 from './migrations/0030_file_links.ts';
import * as m0031 from './migrations/0031_login_sessions.ts';
import * as m0032 from './migrations/0032_login_throttle.ts';
import * as m0070 from './migrations/0070_staff.ts';
import * as m0071 from './migrations/0071_outbox.ts';
import * as m0050 from './migrations/0050_registration_facts.ts';
import * as m0060 from './migrations/0060_resumable_uploads.ts';
import * as m0061 from './migrations/0061_location_changes.ts';
import * as m0100 from './migrations/0100_checkpoints.ts';
import * as m0101 from './migrations/0101_restores.ts';
import * as m0110 from './migrations/0110_system_clients.ts';
import * as m0111 from './migrations/0111_webhooks.ts';
import * as m0120 from './migrations/0120_registration_counters.ts';
import * as m0130 from './migrations/0130_settings_versions.ts';
import * as m0131 from './migrations/0131_family_messages.ts';
import * as m0140 from './migrations/0140_declaration_verdict.ts';
import * as m0141 from './migrations/0141_dedup_gin_flushed.ts';
import * as m0150 from './migrations/0150_imports.ts';
import * as m0160 from './migrations/0160_identity_checks.ts';
import * as m0170 from './migrations/0170_search_metadata.ts';
import * as m0171 from './migrations/0171_client_fields.ts';
import * as m0180 from './migrations/0180_certificate_template_versions.ts';
import * as m0190 from './migrations/0190_paper_pages.ts';
import * as m0192 from './migrations/0192_import_duplicates.ts';
import * as m0195 from './migrations/0195_last_request.ts';
import * as m0200 from './migrations/0200_registration_sequences.ts';

/** Ordered list of migrations; add new ones at the end, never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_records': m0001,
  '0002_locations_audit': m0002,
  '0003_users_sessions': m0003,
  '0004_files': m0004,
  '0005_search': m0005,
  '0010_dedup': m0010,
  '0011_saved_searches': m0011,
  '0012_event_heads': m0012,
  '0013_name_words': m0013,
  '0014_event_index_keys': m0014,
  '0006_certificates': m0006,
  '0040_verification_misses': m0040,
  '0080_locations_source': m0080,
  '0030_file_links': m0030,
  '0031_login_sessions': m0031,
  '0032_login_throttle': m0032,
  '0070_staff': m0070,
  '0071_outbox': m0071,
  '0050_registration_facts': m0050,
  '0060_resumable_uploads': m0060,
  '0061_location_changes': m0061,
  '0100_checkpoints': m0100,
  '0101_restores': m0101,
  '0110_system_clients': m0110,
  '0111_webhooks': m0111,
  '0120_registration_counters': m0120,
  '0130_settings_versions': m0130,
  '0131_family_messages': m0131,
  '0140_declaration_verdict': m0140,
  '0141_dedup_gin_flushed': m0141,
  '0150_imports': m0150,
  '0160_identity_checks': m0160,
  '0170_search_metadata': m0170,
  '0171_client_fields': m0171,
  '0180_certificate_template_versions': m0180,
  '0190_paper_pages': m0190,
  '0192_import_duplicates': m0192,
  '0195_last_request': m0195,
  '0200_registration_sequences': m0200,
};

/** Bring the database schema up to date; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  // Name the schema explicitly: otherwise the migrator finds migration tables of other schemas (other test runs,
  // other deployments sharing the database) and skips creating its own.
  const migrationSchema =
    schema ?? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s ?? 'public';
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'lifeline_migrations',
    migrationLockTableName: 'lifeline_migrations_lock',
    // Branches may add migrations numbered below one already applied; each is independent.
    allowUnorderedMigrations: true,
    migrationTableSchema: migrationSchema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
