import type { EventConfig, JsonObject } from '@lifeline/domain';
import { sql } from 'kysely';
import type { Country } from '../../apps/server/src/country.ts';
import type { Db } from '../../apps/server/src/db/connect.ts';
import { raiseRegistrationSequence } from '../../apps/server/src/modules/events/identifiers.ts';
import type { Population, SeedRecord } from './population.ts';
import { Rng } from './prng.ts';
import { RecordWriter, type Written } from './writer.ts';

export interface SampleRecord extends Written {
  declaration: JsonObject;
  status: SeedRecord['status'];
}

export interface SeedResult {
  records: number;
  registered: number;
  declared: number;
  actions: number;
  seconds: number;
  recordsPerSecond: number;
  /** Seconds this thread spent generating records, and building their rows (hash chain, projection). */
  generateSeconds: number;
  buildSeconds: number;
  /** Records kept (uniformly at random) to build queries from. */
  sample: SampleRecord[];
  /** Counter value after the last record (the next writer starts there). */
  nextCounter: number;
  maxSequence: number;
}

/**
 * Seed `count` records in batches, `inFlight` transactions at a time, keeping a uniform random sample
 * (reservoir) of `sampleSize` records for the queries. Prints progress about every 10%.
 */
export async function seedPopulation(
  db: Db,
  country: Country,
  config: EventConfig,
  population: Population,
  options: { count: number; batch: number; inFlight: number; sampleSize: number; seed: string },
): Promise<SeedResult> {
  const rng = new Rng(`${options.seed}/population`);
  const pick = new Rng(`${options.seed}/sample`);
  const writer = new RecordWriter(db, country, config, { start: 0, inFlight: options.inFlight });
  const sample: SampleRecord[] = [];
  let seen = 0;
  let registered = 0;
  let batch: SeedRecord[] = [];
  const started = performance.now();
  let nextReport = Math.max(options.batch, Math.round(options.count / 10));
  const flush = async () => {
    const records = batch;
    batch = [];
    const written = await writer.enqueue(records);
    written.forEach((w, i) => {
      const entry = { ...w, declaration: records[i].declaration, status: records[i].status };
      if (sample.length < options.sampleSize) sample.push(entry);
      else {
        const j = pick.int(seen + 1);
        if (j < options.sampleSize) sample[j] = entry;
      }
      seen++;
    });
    if (seen >= nextReport) {
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `  ${seen.toLocaleString('en')} records generated, ${writer.written.toLocaleString('en')} committed, ` +
          `${Math.round(writer.written / seconds).toLocaleString('en')} records/s`,
      );
      nextReport += Math.max(options.batch, Math.round(options.count / 10));
    }
  };
  let generateMs = 0;
  const records = population.records(options.count, rng);
  for (;;) {
    const g0 = performance.now();
    const next = records.next();
    generateMs += performance.now() - g0;
    if (next.done) break;
    if (next.value.status === 'REGISTERED') registered++;
    batch.push(next.value);
    if (batch.length >= options.batch) await flush();
  }
  if (batch.length) await flush();
  await writer.drain();
  const seconds = (performance.now() - started) / 1000;
  return {
    records: writer.written,
    registered,
    declared: writer.written - registered,
    actions: writer.written * 2,
    seconds,
    recordsPerSecond: writer.written / seconds,
    generateSeconds: generateMs / 1000,
    buildSeconds: writer.buildMs / 1000,
    sample,
    nextCounter: options.count,
    maxSequence: writer.maxSequence,
  };
}

export interface DeferredIndexes {
  definitions: Array<{ name: string; definition: string }>;
}

/**
 * Bulk-load practice: drop event_index's non-unique indexes (the GIN trigram, array and path indexes, the
 * btrees) before seeding and build them once afterwards from their exact catalog definitions, which is much
 * faster than maintaining them row by row. Unique indexes (and the primary key) stay, so they still check
 * every row.
 */
export async function dropSecondaryIndexes(db: Db): Promise<DeferredIndexes> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
    JOIN pg_index x ON x.indexrelid = c.oid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = i.schemaname
    WHERE i.tablename = 'event_index' AND i.schemaname = current_schema() AND NOT x.indisunique`.execute(db);
  for (const r of rows) await sql`DROP INDEX ${sql.ref(r.name)}`.execute(db);
  return { definitions: rows };
}

/** Build the dropped indexes again, `parallel` at a time (each on its own connection, with more sort memory). */
export async function rebuildIndexes(db: Db, deferred: DeferredIndexes, parallel: number): Promise<number> {
  const t0 = performance.now();
  const queue = deferred.definitions.slice();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { definition } = next;
      await db.connection().execute(async (c) => {
        await sql`SET maintenance_work_mem = '256MB'`.execute(c);
        await sql.raw(definition).execute(c);
        await sql`RESET maintenance_work_mem`.execute(c);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return (performance.now() - t0) / 1000;
}

/** After seeding: the server's registration counters move past the numbers used; statistics and GIN lists. */
export async function finishSeeding(db: Db, maxSequence: number): Promise<number> {
  const t0 = performance.now();
  if (maxSequence > 0) {
    const types = await sql<{ type: string }>`SELECT DISTINCT type FROM events`.execute(db);
    for (const { type } of types.rows) await raiseRegistrationSequence(db, type, maxSequence);
  }
  await sql`VACUUM ANALYZE events, event_actions, event_index, registration_facts`.execute(db);
  return (performance.now() - t0) / 1000;
}

export async function tableSizes(db: Db): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; size: string }>`
    SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relname IN ('events', 'event_actions', 'event_index')`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.size]));
}
