/** A zod issue as the validator hands it over (fastify-type-provider-zod keeps its fields in `params`). */
export interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: RawIssue[][];
}

export interface PathIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * The issues a person can act on: an unknown key is named by its own path, and a value that matches no branch of a
 * union (the search grammar is unions within unions) is explained by the branch it came closest to: the one with
 * the fewest problems among those whose type fits, rather than a bare "Invalid input" at the union.
 */
export function explainIssue(issue: RawIssue, prefix: PropertyKey[] = []): PathIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"` }));
  }
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const explained = issue.errors.map((branch) => ({
      // A branch of another type altogether (an object where the branch wants text, or text not among its values).
      wrongType: branch.some((i) => (i.code === 'invalid_type' || i.code === 'invalid_value') && i.path.length === 0),
      issues: branch.flatMap((i) => explainIssue(i, path)),
    }));
    const fitting = explained.filter((b) => !b.wrongType);
    const candidates = fitting.length ? fitting : explained;
    const best = candidates.reduce((a, b) => (b.issues.length < a.issues.length ? b : a));
    if (best.issues.length) return best.issues;
  }
  return [{ path, message: issue.message }];
}
