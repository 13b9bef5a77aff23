import type { JsonObject } from '../actions.ts';
import { daysBetween, isCalendarDate } from '../dates.ts';
import { fullName } from '../summary.ts';
import type { DedupConfig, DedupMatcher, DedupRule } from './config.ts';
import { nameSimilarity } from './similarity.ts';

export interface MatcherResult {
  matched: boolean;
  /** 0-1: how strongly the fields agree (1 = identical). */
  score: number;
}

const DEFAULT_FUZZY = 0.85;

function text(value: unknown): string {
  if (value && typeof value === 'object') return fullName(value);
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** Compare two declarations with one matcher. */
export function runMatcher(
  m: DedupMatcher,
  a: JsonObject,
  b: JsonObject,
  variants: Map<string, string>,
): MatcherResult {
  switch (m.type) {
    case 'and': {
      const results = m.matchers.map((x) => runMatcher(x, a, b, variants));
      return {
        matched: results.every((r) => r.matched),
        score: results.reduce((s, r) => s + r.score, 0) / results.length,
      };
    }
    case 'or': {
      const results = m.matchers.map((x) => runMatcher(x, a, b, variants));
      const best = results.filter((r) => r.matched).sort((x, y) => y.score - x.score)[0];
      return best ?? { matched: false, score: Math.max(...results.map((r) => r.score)) };
    }
    case 'fuzzy': {
      const [x, y] = [text(a[m.field]), text(b[m.field])];
      if (!x.trim() || !y.trim()) return { matched: false, score: 0 };
      const score = nameSimilarity(x, y, variants);
      return { matched: score >= (m.threshold ?? DEFAULT_FUZZY), score };
    }
    case 'strict': {
      const [x, y] = [text(a[m.field]).trim().toUpperCase(), text(b[m.field]).trim().toUpperCase()];
      if (!x || !y) return { matched: true, score: 0.5 };
      return { matched: x === y, score: x === y ? 1 : 0 };
    }
    case 'dateRange': {
      const [x, y] = [a[m.field], b[m.field]];
      if (!isCalendarDate(x) || !isCalendarDate(y)) return { matched: false, score: 0 };
      const apart = Math.abs(daysBetween(x, y));
      return { matched: apart <= m.days, score: Math.max(0, 1 - apart / (m.days + 1)) };
    }
  }
}

export interface DuplicateMatch {
  /** Rules that matched, strongest first. */
  rules: string[];
  /** 0-1: the strongest matching rule's agreement. */
  score: number;
}

/** Whether `candidate` is a potential duplicate of `declaration` under the config's rules (any rule). */
export function matchDuplicate(
  config: DedupConfig,
  declaration: JsonObject,
  candidate: JsonObject,
  variants: Map<string, string>,
): DuplicateMatch | null {
  const hits: Array<{ rule: DedupRule; score: number }> = [];
  for (const rule of config.rules) {
    const result = runMatcher(rule.matcher, declaration, candidate, variants);
    if (result.matched) hits.push({ rule, score: result.score });
  }
  if (!hits.length) return null;
  hits.sort((x, y) => y.score - x.score);
  return { rules: hits.map((h) => h.rule.id), score: Math.round(hits[0].score * 1000) / 1000 };
}
