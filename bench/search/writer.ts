import { randomUUID } from 'node:crypto';
import { applyAction, formatRegistrationNumber, type Action, type EventConfig } from '@lifeline/domain';
import type { Insertable } from 'kysely';
import type { Country } from '../../apps/server/src/country.ts';
import type { Db } from '../../apps/server/src/db/connect.ts';
import type { EventActionsTable, EventsTable } from '../../apps/server/src/db/schema.ts';
import { GENESIS_HASH, chainHash } from '../../apps/server/src/lib/hash.ts';
import { toIndexRow } from '../../apps/server/src/modules/events/projection.ts';
import { addToLexicon } from '../../apps/server/src/modules/search/lexicon.ts';
import { actionHashInput, type IndexWrite } from '../../apps/server/src/modules/events/repository.ts';
import { toFactsRow } from '../../apps/server/src/modules/statistics/facts.ts';
import { withFacts, type FactsWrite } from '../../apps/server/src/modules/statistics/tables.ts';
import type { SeedRecord } from './population.ts';

/**
 * Writes records the way the server does, minus HTTP and one transaction per request: per record an `events`
 * row, its actions (CREATE, then REGISTER or DECLARE carrying the declaration) hash-chained exactly as
 * `appendActions` chains them (same `chainHash` over the same `actionHashInput`), the event_index row from
 * the server's own `toIndexRow`, and for registered records the registration_facts row from its `toFactsRow`. A batch is one transaction of four multi-row INSERTs; several batches may be
 * in flight on PostgreSQL while the next one is generated.
 */

// Tracking ids as the server makes them ("B" + 7 of these), but from a counter through a permutation of
// 29^7, so that a million of them never collide.
const TRACKING_ALPHABET = '2346789ABCDEFGHJKMNPQRTUVWXYZ';
const TRACKING_SPACE = 29 ** 7;
export function trackingIdFor(code: string, n: number): string {
  let x = Number((BigInt(n) * 1_500_450_271n + 12_345n) % BigInt(TRACKING_SPACE));
  let id = '';
  for (let i = 0; i < 7; i++) {
    id = TRACKING_ALPHABET[x % 29] + id;
    x = Math.floor(x / 29);
  }
  return code + id;
}

export interface Written {
  id: string;
  trackingId: string;
  registrationNumber: string | null;
}

export interface WriterOptions {
  /** Counter of tracking ids and registration numbers to start from (keep writers of one database apart). */
  start: number;
  /** Batches allowed in flight at once (1 on the embedded database: it has one session). */
  inFlight: number;
}

export class RecordWriter {
  private counter: number;
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;
  written = 0;
  /** Milliseconds spent building rows (hashing, projection) on this thread. */
  buildMs = 0;
  /** Largest registration sequence number used. */
  maxSequence = 0;

  constructor(
    private readonly db: Db,
    private readonly country: Country,
    private readonly config: EventConfig,
    private readonly options: WriterOptions,
  ) {
    this.counter = options.start;
  }

  /** Build the rows of a batch (synchronously) and start inserting them; waits while too many are in flight. */
  async enqueue(records: readonly SeedRecord[]): Promise<Written[]> {
    if (this.failure) throw this.failure;
    while (this.pending.size >= this.options.inFlight) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
    const t0 = performance.now();
    const { events, actions, index, facts, written } = this.rows(records);
    this.buildMs += performance.now() - t0;
    const job = this.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('events').values(events).execute();
        await trx.insertInto('event_actions').values(actions).execute();
        await trx.insertInto('event_index').values(index).execute();
        // The statistics row the server writes with each registration (see statistics/facts.ts).
        if (facts.length) await withFacts(trx).insertInto('registration_facts').values(facts).execute();
        // As every server write does: the batch's name words into the lexicon fuzzy search expands words in.
        await addToLexicon(
          trx,
          index.flatMap((row) => row.name_words ?? []),
        )?.execute();
      })
      .then(
        () => {
          this.written += records.length;
        },
        (error: unknown) => {
          this.failure ??= error;
        },
      )
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
    return written;
  }

  async drain(): Promise<void> {
    while (this.pending.size) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }

  private rows(records: readonly SeedRecord[]) {
    const events: Insertable<EventsTable>[] = [];
    const actions: Insertable<EventActionsTable>[] = [];
    const index: IndexWrite[] = [];
    const facts: FactsWrite[] = [];
    const written: Written[] = [];
    const format = this.country.config.settings.registrationNumberFormat;
    for (const r of records) {
      const n = this.counter++;
      const id = randomUUID();
      const trackingId = trackingIdFor(this.config.code, n);
      const registered = r.status === 'REGISTERED';
      const registrationNumber = registered
        ? formatRegistrationNumber(format, {
            eventCode: this.config.code,
            year: Number(r.actionAt.slice(0, 4)),
            sequence: n + 1,
          })
        : null;
      if (registered) this.maxSequence = Math.max(this.maxSequence, n + 1);
      const create: Action = {
        id: randomUUID(),
        type: 'CREATE',
        status: 'Accepted',
        transactionId: randomUUID(),
        createdBy: registered ? r.registrar : r.agent,
        createdByRole: registered ? 'LOCAL_REGISTRAR' : 'REGISTRATION_AGENT',
        createdAtLocation: r.office,
        createdAt: r.createdAt,
        declaration: null,
        annotation: null,
        content: null,
        registrationNumber: null,
      };
      const second: Action = {
        ...create,
        id: randomUUID(),
        type: registered ? 'REGISTER' : 'DECLARE',
        transactionId: randomUUID(),
        createdAt: r.actionAt,
        declaration: r.declaration,
        registrationNumber,
      };
      let prevHash = GENESIS_HASH;
      [create, second].forEach((a, i) => {
        const seq = i + 1;
        const hash = chainHash(prevHash, actionHashInput(id, seq, a));
        actions.push({
          id: a.id,
          event_id: id,
          seq,
          type: a.type,
          status: a.status,
          transaction_id: a.transactionId,
          created_by: a.createdBy,
          created_by_role: a.createdByRole,
          created_at_location: a.createdAtLocation,
          created_at: a.createdAt,
          declaration: a.declaration ? JSON.stringify(a.declaration) : null,
          annotation: null,
          content: null,
          registration_number: a.registrationNumber,
          prev_hash: prevHash,
          hash,
        });
        prevHash = hash;
      });
      const state = applyAction(applyAction(null, create), second);
      // The chain heads kept on the record's row (migration 0012): the last action; no audit entries are seeded.
      events.push({
        id,
        type: this.config.id,
        tracking_id: trackingId,
        created_at: r.createdAt,
        version: 1,
        last_seq: 2,
        last_hash: prevHash,
        audit_hash: null,
      });
      const row = toIndexRow(this.country, this.config, { id, trackingId }, state, 1);
      index.push(row);
      const fact = toFactsRow(this.country, this.config, row, state, registered ? r.registrar : null);
      if (fact) facts.push(fact);
      written.push({ id, trackingId, registrationNumber });
    }
    return { events, actions, index, facts, written };
  }
}
