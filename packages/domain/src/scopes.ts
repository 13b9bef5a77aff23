import { z } from 'zod';

/** Every permission Lifeline knows. Roles are named bundles of these (see roles.ts). */
export const SCOPE_NAMES = [
  'record.search',
  'record.create',
  'record.read',
  'record.notify',
  'record.declare',
  'record.validate',
  'record.edit',
  'record.reject',
  'record.archive',
  'record.review-duplicates',
  'record.register',
  // Confirms or rejects a registration that waits for the national ID system (its NATIONAL_ID client).
  'record.confirm-registration',
  'record.print-certified-copies',
  'record.request-correction',
  'record.correct',
  'record.revoke',
  'record.unassign-others',
  'record.custom-action',
  // Runs the CSV legacy import, and uploads scans of paper registers: both put REGISTERED records in the register.
  'record.import',
  // Types entries of scanned paper register pages (takes a page, submits an entry); the record is made only when
  // two entries agree or a registrar (record.register) resolves them. Uploading scans needs record.import.
  'record.transcribe',
  'record.reindex',
  'user.create',
  'user.edit',
  'user.read',
  'user.search',
  'user.read-only-my-audit',
  'organisation.read-locations',
  'performance.read',
  'performance.read-dashboards',
  'performance.vital-statistics-export',
  'config.update-all',
  'integration.create',
  'webhook.subscribe',
  'profile.electronic-signature',
] as const;
export const ScopeName = z.enum(SCOPE_NAMES);
export type ScopeName = z.infer<typeof ScopeName>;

/**
 * Where a scope applies:
 * - `office`: records declared at the user's own office;
 * - `area`: records declared in, or whose event happened in, the administrative area of the user's office;
 * - `all`: everywhere in the country.
 */
export const Jurisdiction = z.enum(['office', 'area', 'all']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export interface Scope {
  name: ScopeName;
  /** Event types the scope covers; null = every event type. */
  events: string[] | null;
  jurisdiction: Jurisdiction;
}

const SCOPE_PATTERN = /^([a-z-]+\.[a-z-]+)(?:\[([^\]]*)\])?$/;

/**
 * Parse a scope string such as `record.register[event=birth|death,jurisdiction=area]`.
 * Options: `event` (types separated by |) and `jurisdiction` (office | area | all, default area).
 */
export function parseScope(text: string): Scope {
  const match = SCOPE_PATTERN.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a scope (expected name[option=value,...])`);
  const name = ScopeName.safeParse(match[1]);
  if (!name.success) throw new Error(`"${match[1]}" is not a known scope`);
  const scope: Scope = { name: name.data, events: null, jurisdiction: 'area' };
  for (const option of (match[2] ?? '').split(',').filter((o) => o.trim() !== '')) {
    const [key, value] = option.split('=').map((s) => s.trim());
    if (key === 'event' && value) scope.events = value.split('|').filter(Boolean);
    else if (key === 'jurisdiction' && value) scope.jurisdiction = Jurisdiction.parse(value);
    else throw new Error(`scope "${text}" has an unknown option "${option}"`);
  }
  return scope;
}

/** A scope string that parses; used by config schemas so a typo stops the server at start. */
export const ScopeString = z.string().superRefine((value, ctx) => {
  try {
    parseScope(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const JURISDICTION_RANK: Record<Jurisdiction, number> = { office: 0, area: 1, all: 2 };

/**
 * The widest jurisdiction in which the scopes grant `name` for `eventType`, or null when they do not grant it.
 */
export function grantedJurisdiction(
  scopes: readonly Scope[],
  name: ScopeName,
  eventType?: string,
): Jurisdiction | null {
  let best: Jurisdiction | null = null;
  for (const s of scopes) {
    if (s.name !== name) continue;
    if (eventType && s.events && !s.events.includes(eventType)) continue;
    if (!best || JURISDICTION_RANK[s.jurisdiction] > JURISDICTION_RANK[best]) best = s.jurisdiction;
  }
  return best;
}
