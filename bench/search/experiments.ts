import type { DedupConfig, DedupMatcher } from '@lifeline/domain';

/**
 * Candidate changes to the duplicate rules, tried on the labelled set by passing a modified copy of the config to
 * the real matcher (the country's config itself is not touched). Each is derived from the current config, so it
 * keeps following it; a change whose rule or matcher is not there is left out.
 */
export interface Experiment {
  id: string;
  change: string;
  config: DedupConfig;
}

type Leaf = Extract<DedupMatcher, { field: string }>;

function edit(config: DedupConfig, fn: (rules: DedupConfig['rules']) => boolean): DedupConfig | null {
  const copy = structuredClone(config);
  return fn(copy.rules) ? copy : null;
}

/** In rule `ruleId`, replace the top-level matchers on `field` (of `type`) by `replace(m)`. */
function replaceIn(
  rules: DedupConfig['rules'],
  ruleId: string,
  test: (m: DedupMatcher) => boolean,
  replace: (m: DedupMatcher) => DedupMatcher,
): boolean {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule || !('matchers' in rule.matcher)) return false;
  let changed = false;
  rule.matcher.matchers = rule.matcher.matchers.map((m) => {
    if (!test(m)) return m;
    changed = true;
    return replace(m);
  });
  return changed;
}

const isLeaf = (type: Leaf['type'], field: string) => (m: DedupMatcher) =>
  'field' in m && m.type === type && m.field === field;

/** same-mother-same-pregnancy: how alike twins' names may be before they count as one child. */
function twinsFurtherApart(rules: DedupConfig['rules']): boolean {
  return replaceIn(rules, 'same-mother-same-pregnancy', isLeaf('fuzzy', 'child.name'), (m) => ({
    ...(m as Leaf & { type: 'fuzzy' }),
    threshold: 0.95,
  }));
}

/** same-name-nearby-date left out: how much the third rule adds. */
function withoutNearbyDateRule(rules: DedupConfig['rules']): boolean {
  const i = rules.findIndex((r) => r.id === 'same-name-nearby-date');
  if (i < 0) return false;
  rules.splice(i, 1);
  return true;
}

export function experiments(current: DedupConfig): Experiment[] {
  const candidates: Array<[string, string, (rules: DedupConfig['rules']) => boolean]> = [
    ['twins-0.95', 'same-mother-same-pregnancy: child.name fuzzy threshold -> 0.95', twinsFurtherApart],
    ['no-rule-3', 'without same-name-nearby-date', withoutNearbyDateRule],
  ];
  const out: Experiment[] = [];
  for (const [id, change, fn] of candidates) {
    const config = edit(current, fn);
    if (config) out.push({ id, change, config });
  }
  return out;
}
