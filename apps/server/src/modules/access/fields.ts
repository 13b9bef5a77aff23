import { nameWords, type EventConfig, type SearchClause, type SearchQuery } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { forbidden, HttpError } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';

/**
 * A RECORD_SEARCH client may be limited to some declaration fields (its allow-list, set by the national system
 * administrator). This is where that limit is applied: what it sees of a record (search results, GET, FHIR) carries
 * only those fields, its searches may not filter on others (an answer would reveal them), and reads that hand out
 * the whole record (certificates, files, credentials, messages) are refused to it.
 */
export function visibleFields(user: AuthUser): ReadonlySet<string> | null {
  const fields = user.client?.fields;
  return fields ? new Set(fields) : null;
}

export const isFieldLimited = (user: AuthUser) => Boolean(user.client?.fields);

export const WHOLE_RECORD_REFUSED =
  'this integration client may see only some fields of a record: use search, GET /api/events/{id} or FHIR';

/** 403 for a caller limited to some fields, on a read that would hand out the whole record. */
export function requireWholeRecordAccess(user: AuthUser): void {
  if (isFieldLimited(user)) throw forbidden(WHOLE_RECORD_REFUSED);
}

interface Summary {
  type: string;
  declaration: Record<string, unknown>;
  title: string;
  dateOfEvent: string | null;
  placeOfEvent: string | null;
}

/**
 * A record's summary with only the visible fields: its title, date and place of the event come from declaration
 * fields too, so each is kept only when its field is visible.
 */
export function redactSummary<T extends Summary>(country: Country, allowed: ReadonlySet<string>, record: T): T {
  const config: EventConfig | undefined = country.events.get(record.type);
  return {
    ...record,
    declaration: onlyFields(record.declaration, allowed),
    title: config && allowed.has(config.titleField) ? record.title : '',
    dateOfEvent: config && allowed.has(config.dateOfEventField) ? record.dateOfEvent : null,
    placeOfEvent: config && config.placeOfEventFields.some((f) => allowed.has(f)) ? record.placeOfEvent : null,
  };
}

/** A declaration (or a partial one, as an action holds) with only the visible fields. */
export function onlyFields(
  declaration: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(declaration).filter(([field]) => allowed.has(field)));
}

/**
 * Refuse a search by a field the caller may not see: `data` keys outside the allow-list, and the name and quick
 * searches (they look in every name and identity number on the record) unless every name field is visible.
 */
export function requireSearchableFields(
  user: AuthUser,
  query: SearchQuery,
  nameFields: readonly string[],
  path = 'query',
): void {
  const allowed = visibleFields(user);
  if (!allowed) return;
  const refuse = (field: string, what: string) => {
    throw new HttpError(403, 'Forbidden', `this integration client may not search by ${what}: not among its fields`, [
      { field, message: 'not among the fields this client may see' },
    ]);
  };
  const allNames = nameFields.every((f) => allowed.has(f));
  if ('type' in query && query.type === 'quick') {
    if (!allNames) refuse(`${path}.term`, 'every name and identity number (quick search)');
    return;
  }
  if ('clauses' in query) {
    query.clauses.forEach((c, i) =>
      requireSearchableFields(user, c as SearchQuery, nameFields, `${path}.clauses.${i}`),
    );
    return;
  }
  const clause = query as unknown as SearchClause;
  if (clause.name && !allNames && nameWords(clause.name.term).length) refuse(`${path}.name`, 'every name');
  for (const field of Object.keys(clause.data ?? {})) {
    if (!allowed.has(field)) refuse(`${path}.data.${field}`, `"${field}"`);
  }
}
