import { matchDuplicate, dedupNameMap, type DedupConfig } from '@lifeline/domain';
import { DUPLICATE_KINDS, EXTRA_KINDS, NON_DUPLICATE_KINDS, type LabelledPair } from './labelled.ts';

/** Duplicate-detection accuracy: confusion counts, precision, recall, F1, and rates per kind of pair. */

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function confusion(tp: number, fp: number, fn: number, tn: number): Confusion {
  const precision = tp + fp ? tp / (tp + fp) : NaN;
  const recall = tp + fn ? tp / (tp + fn) : NaN;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : NaN;
  return { tp, fp, fn, tn, precision, recall, f1 };
}

export interface PairOutcome {
  pair: LabelledPair;
  flagged: boolean;
  rules: string[];
  score: number;
}

/** The real matcher on each labelled pair: is the registered record a potential duplicate of the new one? */
export function matchPairs(config: DedupConfig, pairs: readonly LabelledPair[]): PairOutcome[] {
  const variants = dedupNameMap(config);
  return pairs.map((pair) => {
    const match = matchDuplicate(config, pair.probe, pair.base.declaration, variants);
    return { pair, flagged: !!match, rules: match?.rules ?? [], score: match?.score ?? 0 };
  });
}

export interface KindRate {
  kind: string;
  duplicate: boolean;
  /** An extra, harder kind, not in the headline figures. */
  extra: boolean;
  pairs: number;
  flagged: number;
  /** For duplicates the recall of this kind; for non-duplicates the false-alarm rate. */
  rate: number;
}

export interface AccuracySummary extends Confusion {
  byKind: KindRate[];
}

export function summarizePairs(outcomes: readonly PairOutcome[]): AccuracySummary {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const o of outcomes) {
    if (o.pair.extra) continue;
    if (o.pair.duplicate) {
      if (o.flagged) tp++;
      else fn++;
    } else if (o.flagged) fp++;
    else tn++;
  }
  const byKind = [...DUPLICATE_KINDS, ...NON_DUPLICATE_KINDS, ...EXTRA_KINDS].map((kind) => {
    const of = outcomes.filter((o) => o.pair.kind === kind);
    const flagged = of.filter((o) => o.flagged).length;
    return {
      kind,
      duplicate: !(NON_DUPLICATE_KINDS as readonly string[]).includes(kind),
      extra: (EXTRA_KINDS as readonly string[]).includes(kind),
      pairs: of.length,
      flagged,
      rate: of.length ? flagged / of.length : NaN,
    };
  });
  return { ...confusion(tp, fp, fn, tn), byKind };
}
