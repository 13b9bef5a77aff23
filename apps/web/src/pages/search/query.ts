import {
  formFields,
  type DisplayStatus,
  type EventConfig,
  type EventStatus,
  type Flag,
  type SearchClause,
  type SearchQuery,
} from '@lifeline/domain';

/** What the advanced search form holds; every text empty or list empty = not a criterion. */
export interface AdvancedSearchForm {
  eventType: string;
  /** Fuzzy names by NAME field id (e.g. `child.name`, `mother.name`). */
  names: Record<string, string>;
  /** Date of the event, from and to (YYYY-MM-DD, both included). */
  dateFrom: string;
  dateTo: string;
  /** A location id: the event happened there or anywhere under it. */
  place: string;
  statuses: DisplayStatus[];
  registrationNumber: string;
  trackingId: string;
  /** A national ID number, exact. */
  nationalId: string;
  /** The field holding it (`mother.nid`); empty = any person on the record. */
  nationalIdField: string;
}

export function emptyForm(eventType: string): AdvancedSearchForm {
  return {
    eventType,
    names: {},
    dateFrom: '',
    dateTo: '',
    place: '',
    statuses: [],
    registrationNumber: '',
    trackingId: '',
    nationalId: '',
    nationalIdField: '',
  };
}

/** The NAME fields of an event's form, the one that titles the record first (child's or deceased's name). */
export function nameFields(config: EventConfig) {
  const all = formFields(config).filter(({ field }) => field.type === 'NAME');
  return [
    ...all.filter(({ field }) => field.id === config.titleField),
    ...all.filter(({ field }) => field.id !== config.titleField),
  ];
}

/** The national ID fields of an event's form (`mother.nid`, `deceased.nid`, ...), by the page they are on. */
export function nationalIdFields(config: EventConfig) {
  return formFields(config).filter(({ field }) => field.type === 'ID' && field.id.endsWith('.nid'));
}

const REGISTERED_SUBSTATUS: Flag[] = ['revoked', 'correction-requested', 'issued', 'printed'];

/**
 * The query matching records shown with one status word (see domain `displayStatus`): the word is made of the
 * status and flags, so e.g. "Validated" is "declared, validated, not sent for updates".
 */
export function statusQuery(status: DisplayStatus): SearchClause | SearchQuery {
  const clause = (statuses: EventStatus[], has?: Flag, hasNone: Flag[] = []): SearchClause | SearchQuery => {
    const main: SearchClause = {
      status: statuses.length === 1 ? { type: 'exact', term: statuses[0] } : { type: 'anyOf', terms: statuses },
      ...(has ? { flags: { type: 'exact' as const, term: has } } : {}),
    };
    if (!hasNone.length) return main;
    const none: SearchClause = { flags: { type: 'noneOf', terms: hasNone } };
    return has ? { type: 'and', clauses: [main, none] } : { ...main, flags: none.flags };
  };
  switch (status) {
    case 'IN_PROGRESS':
      return clause(['CREATED', 'NOTIFIED'], undefined, ['rejected']);
    case 'REQUIRES_UPDATES':
      return clause(['CREATED', 'NOTIFIED', 'DECLARED'], 'rejected');
    case 'DECLARED':
      return clause(['DECLARED'], undefined, ['rejected', 'validated', 'registration-requested']);
    case 'VALIDATED':
      return clause(['DECLARED'], 'validated', ['rejected', 'registration-requested']);
    case 'REGISTRATION_REQUESTED':
      return clause(['DECLARED'], 'registration-requested', ['rejected']);
    case 'REGISTERED':
      return clause(['REGISTERED'], undefined, REGISTERED_SUBSTATUS);
    case 'CERTIFIED':
      return clause(['REGISTERED'], 'printed', ['revoked', 'correction-requested', 'issued']);
    case 'ISSUED':
      return clause(['REGISTERED'], 'issued', ['revoked', 'correction-requested']);
    case 'CORRECTION_REQUESTED':
      return clause(['REGISTERED'], 'correction-requested', ['revoked']);
    case 'REVOKED':
      return clause(['REGISTERED'], 'revoked');
    case 'ARCHIVED':
      return clause(['ARCHIVED']);
  }
}

/** The status words a search may ask for, in the order a record goes through them. */
export const SEARCHABLE_STATUSES: DisplayStatus[] = [
  'IN_PROGRESS',
  'DECLARED',
  'VALIDATED',
  'REGISTRATION_REQUESTED',
  'REQUIRES_UPDATES',
  'REGISTERED',
  'CERTIFIED',
  'ISSUED',
  'CORRECTION_REQUESTED',
  'REVOKED',
  'ARCHIVED',
];

const or = (clauses: Array<SearchClause | SearchQuery>): SearchClause | SearchQuery =>
  clauses.length === 1 ? clauses[0] : { type: 'or', clauses };

/**
 * The reference grammar query of the form: one clause for the record's own facts and names, and alternatives
 * for the status words and for "any person's national ID".
 */
export function buildQuery(form: AdvancedSearchForm, config: EventConfig | undefined): SearchQuery {
  const main: SearchClause = { eventType: form.eventType };
  const data: NonNullable<SearchClause['data']> = {};
  for (const [field, term] of Object.entries(form.names)) {
    if (term.trim()) data[field] = { type: 'fuzzy', term: term.trim() };
  }
  const nationalId = form.nationalId.trim();
  const idFields = form.nationalIdField
    ? [form.nationalIdField]
    : config
      ? nationalIdFields(config).map(({ field }) => field.id)
      : [];
  if (nationalId && idFields.length === 1) data[idFields[0]] = { type: 'exact', term: nationalId };
  if (Object.keys(data).length) main.data = data;
  if (form.dateFrom || form.dateTo) {
    main.dateOfEvent = {
      type: 'range',
      ...(form.dateFrom ? { gte: form.dateFrom } : {}),
      ...(form.dateTo ? { lte: form.dateTo } : {}),
    } as NonNullable<SearchClause['dateOfEvent']>;
  }
  if (form.place) main.placeOfEvent = { type: 'within', location: form.place };
  if (form.registrationNumber.trim()) {
    main.registrationNumber = { type: 'exact', term: form.registrationNumber.trim().toUpperCase() };
  }
  if (form.trackingId.trim()) main.trackingId = { type: 'exact', term: form.trackingId.trim().toUpperCase() };

  const clauses: Array<SearchClause | SearchQuery> = [main];
  const statuses = SEARCHABLE_STATUSES.filter((s) => form.statuses.includes(s));
  if (statuses.length) clauses.push(or(statuses.map(statusQuery)));
  if (nationalId && idFields.length > 1) {
    clauses.push(or(idFields.map((field) => ({ data: { [field]: { type: 'exact' as const, term: nationalId } } }))));
  }
  return { type: 'and', clauses };
}

/** Whether the query ranks its results by how well names match (fuzzy clauses). */
export function isFuzzy(query: unknown): boolean {
  return JSON.stringify(query).includes('"type":"fuzzy"');
}

/** JSON with keys sorted: the server keeps saved queries as jsonb, which does not keep the order of keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Whether two queries ask the same, whatever the order of their keys. */
export const sameQuery = sameJson;

/**
 * The form a query was built from, when it was built by this page (a saved search, a link); null for any other
 * query, which still runs but cannot be shown in the form.
 */
export function formOfQuery(query: unknown, configs: EventConfig[]): AdvancedSearchForm | null {
  if (!query || typeof query !== 'object') return null;
  const q = query as SearchQuery;
  if (q.type !== 'and' || !q.clauses.length) return null;
  const main = q.clauses[0] as SearchClause;
  if (typeof main.eventType !== 'string') return null;
  const config = configs.find((c) => c.id === main.eventType);
  if (!config) return null;
  const form = emptyForm(main.eventType);
  const names = new Set(nameFields(config).map(({ field }) => field.id));
  for (const [field, match] of Object.entries(main.data ?? {})) {
    if (match.type === 'fuzzy' && names.has(field)) form.names[field] = match.term;
    else if (match.type === 'exact' && field.endsWith('.nid')) {
      form.nationalId = match.term;
      form.nationalIdField = field;
    } else return null;
  }
  if (main.dateOfEvent?.type === 'range') {
    form.dateFrom = main.dateOfEvent.gte ?? '';
    form.dateTo = main.dateOfEvent.lte ?? '';
  }
  if (main.placeOfEvent?.type === 'within') form.place = main.placeOfEvent.location;
  if (main.registrationNumber?.type === 'exact') form.registrationNumber = main.registrationNumber.term;
  if (main.trackingId?.type === 'exact') form.trackingId = main.trackingId.term;
  for (const extra of q.clauses.slice(1)) {
    const statuses = SEARCHABLE_STATUSES.filter((s) => {
      const one = statusQuery(s);
      return (
        sameJson(extra, one) || ('type' in extra && extra.type === 'or' && extra.clauses.some((c) => sameJson(c, one)))
      );
    });
    if (statuses.length) {
      form.statuses = statuses;
      continue;
    }
    const ids = 'type' in extra && extra.type === 'or' ? extra.clauses : [];
    const first = ids[0] as SearchClause | undefined;
    const term = first?.data ? Object.values(first.data)[0] : undefined;
    if (term?.type === 'exact') {
      form.nationalId = term.term;
      form.nationalIdField = '';
      continue;
    }
    return null;
  }
  // Only when building it again gives the same query: anything else would show a form that searches otherwise.
  return sameJson(buildQuery(form, config), query) ? form : null;
}
