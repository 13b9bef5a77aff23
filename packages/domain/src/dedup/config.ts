import { z } from 'zod';
import { FieldId } from '../fields.ts';
import { Text } from '../text.ts';

/**
 * A duplicate-detection matcher over one field of two declarations, or a combination:
 * - `fuzzy`: names (or text) similar at or above `threshold` (0-1, default 0.85);
 * - `strict`: equal when both records give a value (a missing value neither confirms nor refutes);
 * - `dateRange`: dates at most `days` apart;
 * - `and` / `or`.
 */
export type DedupMatcher =
  | { type: 'fuzzy'; field: string; threshold?: number }
  | { type: 'strict'; field: string }
  | { type: 'dateRange'; field: string; days: number }
  | { type: 'and' | 'or'; matchers: DedupMatcher[] };

export const DedupMatcher: z.ZodType<DedupMatcher> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('fuzzy'), field: FieldId, threshold: z.number().min(0).max(1).optional() }),
    z.object({ type: z.literal('strict'), field: FieldId }),
    z.object({ type: z.literal('dateRange'), field: FieldId, days: z.number().int().min(0).max(36500) }),
    z.object({ type: z.enum(['and', 'or']), matchers: z.array(DedupMatcher).min(1) }),
  ]),
);

export const DedupRule = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: Text.optional(),
  matcher: DedupMatcher,
});
export type DedupRule = z.infer<typeof DedupRule>;

export const DedupConfig = z.object({
  /** Any one rule matching flags a potential duplicate. */
  rules: z.array(DedupRule).min(1),
  /**
   * Groups of spellings that are the same name (nicknames, transliterations): each group's members compare as
   * equal, e.g. ["mohammed", "muhammad", "mohamed"].
   */
  nameVariants: z.array(z.array(z.string().min(1)).min(2)).default([]),
  /**
   * Words that stand in for a name not given yet ("Baby", "Unnamed"): left out when names are compared, so a child
   * declared as "Baby Mwansa" and again as "Natasha Mwansa" still matches on the rest of the name.
   */
  placeholderNames: z.array(z.string().min(1)).default([]),
  /** Largest number of candidate records compared per check (the nearest by name and date). */
  maxCandidates: z.number().int().min(1).max(1000).default(50),
});
export type DedupConfig = z.infer<typeof DedupConfig>;

/** Fields a matcher reads. */
export function matcherFields(m: DedupMatcher): string[] {
  if ('matchers' in m) return m.matchers.flatMap(matcherFields);
  return [m.field];
}
