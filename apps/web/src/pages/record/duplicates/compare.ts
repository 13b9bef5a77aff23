import {
  holdsValue,
  isEmptyValue,
  matcherFields,
  type Action,
  type EventConfig,
  type FieldConfig,
  type PageConfig,
} from '@lifeline/domain';

/** A record the duplicate check found like this one (an entry of DUPLICATE_DETECTED's `content.duplicates`). */
export interface DetectedCandidate {
  id: string;
  trackingId: string;
  registrationNumber: string | null;
  status?: string;
  score: number;
  /** Ids of the country's dedup rules that matched. */
  rules: string[];
}

/** The candidates of the latest duplicate check of the record. */
export function detectedCandidates(actions: Action[]): DetectedCandidate[] {
  const detected = [...actions].reverse().find((a) => a.type === 'DUPLICATE_DETECTED');
  const duplicates = detected?.content?.duplicates;
  if (!Array.isArray(duplicates)) return [];
  return duplicates
    .filter((d): d is DetectedCandidate => !!d && typeof d === 'object' && typeof d.id === 'string')
    .map((d) => ({ ...d, rules: Array.isArray(d.rules) ? d.rules : [] }));
}

/**
 * Candidates in places the viewer may not read: the server shows only that they exist (and how alike), never
 * which record they are.
 */
export function restrictedCandidates(actions: Action[]): Array<{ score: number | null }> {
  const detected = [...actions].reverse().find((a) => a.type === 'DUPLICATE_DETECTED');
  const duplicates = detected?.content?.duplicates;
  if (!Array.isArray(duplicates)) return [];
  return duplicates
    .filter((d) => !!d && typeof d === 'object' && (d as { restricted?: unknown }).restricted === true)
    .map((d) => {
      const score = (d as { score?: unknown }).score;
      return { score: typeof score === 'number' ? score : null };
    });
}

export interface ComparedField {
  field: FieldConfig;
  left: unknown;
  right: unknown;
  /** The answers differ (both given and not the same, or only one given). */
  differs: boolean;
  /** The duplicate rules that matched compare this field. */
  compared: boolean;
}

export interface ComparedPage {
  page: PageConfig;
  fields: ComparedField[];
}

/** Documents and signatures are files of each record: never the same, not compared here. */
const NOT_COMPARED = new Set(['FILE', 'FILE_WITH_OPTIONS', 'SIGNATURE']);

/** A value reduced to what it says: text trimmed, empty parts of a name or an address dropped. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ');
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !isEmptyValue(v))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

export function sameAnswer(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/**
 * Two declarations of the same event type side by side, by form page and field, in the form's order: every
 * field answered in either, and whether the answers differ.
 */
export function compareDeclarations(
  config: EventConfig,
  left: Record<string, unknown>,
  right: Record<string, unknown>,
  matchedRules: readonly string[] = [],
): ComparedPage[] {
  const rules = (config.deduplication?.rules ?? []).filter((r) => matchedRules.includes(r.id));
  const compared = new Set(rules.flatMap((r) => matcherFields(r.matcher)));
  return config.pages
    .map((page) => ({
      page,
      fields: page.fields
        .filter((field) => holdsValue(field) && !NOT_COMPARED.has(field.type))
        .filter((field) => !isEmptyValue(left[field.id]) || !isEmptyValue(right[field.id]))
        .map((field) => ({
          field,
          left: left[field.id],
          right: right[field.id],
          differs: !sameAnswer(left[field.id], right[field.id]),
          compared: compared.has(field.id),
        })),
    }))
    .filter((p) => p.fields.length > 0);
}
