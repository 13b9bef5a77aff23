import { randomUUID } from 'node:crypto';
import { matchDuplicate, dedupNameMap, type DedupConfig, type EventConfig } from '@lifeline/domain';
import { CompiledQuery } from 'kysely';
import type { Db } from '../../apps/server/src/db/connect.ts';
import type { CandidateRow } from '../../apps/server/src/modules/dedup/repository.ts';
import { findDuplicates } from '../../apps/server/src/modules/dedup/service.ts';
import { capturingDb, type CapturedQuery } from './measure.ts';
import { confusion, type Confusion } from './accuracy.ts';
import { DUPLICATE_KINDS, EXTRA_KINDS, NON_DUPLICATE_KINDS, type LabelledPair } from './labelled.ts';

/**
 * The full duplicate check over the seeded register (`findDuplicates`: candidate retrieval from the database,
 * then the rules), for labelled probes whose base record is in the database among everyone else. A flag on the
 * base is a true or false positive by its label; a flag on any other record of the register is a false positive.
 */

export type Retrieval = 'retrieved' | 'beyond-maxCandidates' | 'not-retrieved';

export interface PipelineOutcome {
  pair: LabelledPair;
  flaggedBase: boolean;
  /** Records flagged other than the labelled base. */
  otherHits: number;
  /** Whether candidate retrieval returned the base at all (explains misses). */
  retrieval: Retrieval;
  ms: number;
}

export interface PipelineRun {
  /** The real check with the country's rules. */
  outcomes: PipelineOutcome[];
  /** The same probes under each experimental rule set: same candidates, other rules. */
  experiments: Map<string, PipelineOutcome[]>;
  /** Probes where re-applying the current rules to the candidates did not give findDuplicates' answer. */
  inconsistent: number;
  /** The same probes with the candidate query changed (see RETRIEVAL_VARIANTS), current rules; query times. */
  retrievalVariants: Map<string, { outcomes: PipelineOutcome[]; ms: number[] }>;
}

/** Changes to the candidate query tried on the captured SQL: more candidates. */
export const RETRIEVAL_VARIANTS: Record<
  string,
  { change: string; rewrite: (q: CapturedQuery) => CapturedQuery | null }
> = {
  'limit-200': {
    change: 'maxCandidates 50 -> 200',
    rewrite: (q) => withCandidateLimit(q, 200),
  },
};

/** The candidate query with another candidate limit: the LIMIT that closes its ranked sub-select `c`. */
function withCandidateLimit(q: CapturedQuery, limit: number): CapturedQuery | null {
  const at = /LIMIT \$(\d+)\) c\b/.exec(q.sql);
  if (!at) return null;
  const parameters = [...q.parameters];
  parameters[Number(at[1]) - 1] = limit;
  return { sql: q.sql, parameters };
}

/**
 * Per probe: findDuplicates (timed: the real check), then the candidate query once more (untimed) to diagnose a
 * miss and to try the experimental rule sets on the very same candidates. The rule sets compare the same NAME
 * fields, so their candidates are the same; re-applying the current rules must give findDuplicates' answer
 * (counted as a check).
 */
export async function runPipeline(
  db: Db,
  config: EventConfig,
  pairs: readonly LabelledPair[],
  baseIds: ReadonlyMap<number, string>,
  experimentConfigs: ReadonlyArray<{ id: string; config: DedupConfig }>,
): Promise<PipelineRun> {
  const dedup = config.deduplication!;
  const variants = dedupNameMap(dedup);
  const outcomes: PipelineOutcome[] = [];
  const experiments = new Map(experimentConfigs.map((e) => [e.id, [] as PipelineOutcome[]]));
  let inconsistent = 0;
  const retrievalVariants: PipelineRun['retrievalVariants'] = new Map();
  for (const pair of pairs) {
    const baseId = baseIds.get(pair.index)!;
    // The check sends its candidate query first: captured with its rows, it is the candidate list itself.
    const capture = capturingDb(db);
    const t0 = performance.now();
    const hits = await findDuplicates(capture.db, config, randomUUID(), pair.probe);
    const ms = performance.now() - t0;
    const query = capture.queries[0];
    const candidates = (query?.rows ?? []) as CandidateRow[];
    const flagged = (rules: DedupConfig) =>
      candidates.filter((c) => matchDuplicate(rules, pair.probe, c.declaration, variants)).map((c) => c.event_id);
    const again = flagged(dedup);
    if (again.length !== hits.length || !hits.every((h) => again.includes(h.id))) inconsistent++;
    let retrieval: Retrieval = 'retrieved';
    if (query && !candidates.some((c) => c.event_id === baseId)) {
      // The same query with a limit of 1000: cut by maxCandidates, or not found at all?
      const widened = withCandidateLimit(query, 1000)!;
      const wider = await db.executeQuery<CandidateRow>(CompiledQuery.raw(widened.sql, [...widened.parameters]));
      retrieval = wider.rows.some((c) => c.event_id === baseId) ? 'beyond-maxCandidates' : 'not-retrieved';
    } else if (!query) retrieval = 'not-retrieved';
    const outcome = (ids: string[], took: number): PipelineOutcome => {
      const flaggedBase = ids.includes(baseId);
      return { pair, flaggedBase, otherHits: ids.length - (flaggedBase ? 1 : 0), retrieval, ms: took };
    };
    outcomes.push(
      outcome(
        hits.map((h) => h.id),
        ms,
      ),
    );
    for (const e of experimentConfigs) experiments.get(e.id)!.push(outcome(flagged(e.config), NaN));
    for (const [id, variant] of Object.entries(RETRIEVAL_VARIANTS)) {
      const changed = query && variant.rewrite(query);
      if (!changed) continue;
      const v0 = performance.now();
      const result = await db.executeQuery<CandidateRow>(CompiledQuery.raw(changed.sql, [...changed.parameters]));
      const took = performance.now() - v0;
      const ids = result.rows
        .filter((c) => matchDuplicate(dedup, pair.probe, c.declaration, variants))
        .map((c) => c.event_id);
      const entry = retrievalVariants.get(id) ?? { outcomes: [], ms: [] };
      entry.outcomes.push(outcome(ids, took));
      entry.ms.push(took);
      retrievalVariants.set(id, entry);
    }
  }
  return { outcomes, experiments, inconsistent, retrievalVariants };
}

export interface PipelineSummary extends Confusion {
  probes: number;
  /** False positives on records other than the labelled base (namesakes among the whole register). */
  fpOtherRecords: number;
  fpLabelledNegatives: number;
  missesNotRetrieved: number;
  missesBeyondMaxCandidates: number;
  missesByRules: number;
  byKind: Array<{ kind: string; duplicate: boolean; pairs: number; flagged: number; rate: number; otherHits: number }>;
}

export function summarizePipeline(outcomes: readonly PipelineOutcome[]): PipelineSummary {
  let tp = 0;
  let fn = 0;
  let tn = 0;
  let fpLabelled = 0;
  let fpOther = 0;
  const misses = { 'not-retrieved': 0, 'beyond-maxCandidates': 0, rules: 0 };
  for (const o of outcomes) {
    if (o.pair.extra) continue;
    fpOther += o.otherHits;
    if (o.pair.duplicate) {
      if (o.flaggedBase) tp++;
      else {
        fn++;
        if (o.retrieval === 'retrieved') misses.rules++;
        else misses[o.retrieval]++;
      }
    } else if (o.flaggedBase) fpLabelled++;
    else if (!o.otherHits) tn++;
  }
  const byKind = [...DUPLICATE_KINDS, ...NON_DUPLICATE_KINDS, ...EXTRA_KINDS].map((kind) => {
    const of = outcomes.filter((o) => o.pair.kind === kind);
    const flagged = of.filter((o) => o.flaggedBase).length;
    return {
      kind,
      duplicate: !(NON_DUPLICATE_KINDS as readonly string[]).includes(kind),
      pairs: of.length,
      flagged,
      rate: of.length ? flagged / of.length : NaN,
      otherHits: of.reduce((s, o) => s + o.otherHits, 0),
    };
  });
  return {
    ...confusion(tp, fpLabelled + fpOther, fn, tn),
    probes: outcomes.length,
    fpOtherRecords: fpOther,
    fpLabelledNegatives: fpLabelled,
    missesNotRetrieved: misses['not-retrieved'],
    missesBeyondMaxCandidates: misses['beyond-maxCandidates'],
    missesByRules: misses.rules,
    byKind,
  };
}
