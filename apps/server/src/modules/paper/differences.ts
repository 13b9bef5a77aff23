import type { PaperDifference, PaperEntryBody } from '@lifeline/domain';

/** JSON with object keys sorted: two answers typed in a different order are the same answer. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value.trim());
  return JSON.stringify(value ?? null);
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Where two people's transcriptions of the same page differ, field by field (form field ids, then the original
 * registration's `registration.number`, `registration.date`, `registration.registrar`). Blank and absent are the same;
 * surrounding spaces do not count.
 */
export function entryDifferences(first: PaperEntryBody, second: PaperEntryBody): PaperDifference[] {
  const out: PaperDifference[] = [];
  const fields = [...new Set([...Object.keys(first.declaration), ...Object.keys(second.declaration)])].sort();
  for (const field of fields) {
    const a = first.declaration[field];
    const b = second.declaration[field];
    if (empty(a) && empty(b)) continue;
    if (canonical(a) !== canonical(b)) out.push({ field, first: a ?? null, second: b ?? null });
  }
  for (const key of ['number', 'date', 'registrar'] as const) {
    const a = first.registration[key] ?? null;
    const b = second.registration[key] ?? null;
    if (empty(a) && empty(b)) continue;
    if (canonical(a) !== canonical(b)) out.push({ field: `registration.${key}`, first: a, second: b });
  }
  return out;
}
