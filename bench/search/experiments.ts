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

function leaves(m: DedupMatcher): Leaf[] {
  return 'matchers' in m ? m.matchers.flatMap(leaves) : [m];
}

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

/** dateRange on mother.dob that is neutral when either record has no date (age given instead): "or strict". */
function motherDobNeutral(rules: DedupConfig['rules']): boolean {
  let changed = false;
  for (const rule of rules) {
    changed =
      replaceIn(rules, rule.id, isLeaf('dateRange', 'mother.dob'), (m) => ({
        type: 'or',
        matchers: [m, { type: 'strict', field: 'mother.dob' }],
      })) || changed;
  }
  return changed;
}

function twinsApart(rules: DedupConfig['rules']): boolean {
  return replaceIn(rules, 'same-mother-same-pregnancy', isLeaf('fuzzy', 'child.name'), (m) => ({
    ...(m as Leaf & { type: 'fuzzy' }),
    threshold: 0.9,
  }));
}

function namesakeNeedsSameMotherId(rules: DedupConfig['rules']): boolean {
  const rule = rules.find((r) => r.id === 'same-name-nearby-date');
  if (!rule || !('matchers' in rule.matcher)) return false;
  if (leaves(rule.matcher).some(isLeaf('strict', 'mother.nid'))) return false;
  rule.matcher.matchers.push({ type: 'strict', field: 'mother.nid' });
  return true;
}

/** same-child-same-mother: the mother is the same when her name is similar OR her ID is given in both and equal. */
function motherByIdOrName(rules: DedupConfig['rules']): boolean {
  return replaceIn(rules, 'same-child-same-mother', isLeaf('fuzzy', 'mother.name'), (m) => ({
    type: 'or',
    // fuzzy at 1.0 on an ID: both given and identical (a missing one does not match, unlike strict).
    matchers: [m, { type: 'fuzzy', field: 'mother.nid', threshold: 1 }],
  }));
}

export function experiments(current: DedupConfig): Experiment[] {
  const candidates: Array<[string, string, (rules: DedupConfig['rules']) => boolean]> = [
    [
      'mother-dob-neutral',
      'mother.dob dateRange neutral when a date is missing: {or: [dateRange mother.dob 365, strict mother.dob]} in every rule',
      motherDobNeutral,
    ],
    ['twins-apart', 'same-mother-same-pregnancy: child.name fuzzy threshold 0.8 -> 0.9', twinsApart],
    [
      'namesake-same-mother-id',
      'same-name-nearby-date: add strict mother.nid (neutral when missing)',
      namesakeNeedsSameMotherId,
    ],
    [
      'mother-id-or-name',
      'same-child-same-mother: mother.name fuzzy -> {or: [mother.name fuzzy, mother.nid given in both and equal]}',
      motherByIdOrName,
    ],
    [
      'all-four',
      'the four changes above together',
      (rules) =>
        [motherDobNeutral(rules), twinsApart(rules), namesakeNeedsSameMotherId(rules), motherByIdOrName(rules)].some(
          Boolean,
        ),
    ],
  ];
  const out: Experiment[] = [];
  for (const [id, change, fn] of candidates) {
    const config = edit(current, fn);
    if (config) out.push({ id, change, config });
  }
  return out;
}
