import { z } from 'zod';
import { ActionType, EventStatus, FLAGS } from './actions.ts';
import { isDateOrDateTime } from './dates.ts';
import { Text } from './text.ts';

/**
 * Search query grammar, the reference 2.0 REST shape so its integrations port unchanged:
 * `{type: 'and'|'or', clauses: [...]}` where each clause is either a nested query or an object whose keys
 * (record fields and `data` declaration fields) must all match.
 */
export const ExactMatch = z.object({ type: z.literal('exact'), term: z.string().min(1).max(200) });
export const FuzzyMatch = z.object({ type: z.literal('fuzzy'), term: z.string().min(1).max(200) });
export const AnyOfMatch = z.object({
  type: z.literal('anyOf'),
  terms: z.array(z.string().min(1).max(200)).min(1).max(50),
});
export const RangeMatch = z
  .object({
    type: z.literal('range'),
    gte: z.string().max(40).optional(),
    lte: z.string().max(40).optional(),
  })
  .refine((r) => r.gte !== undefined || r.lte !== undefined, 'a range needs gte or lte');
export const WithinMatch = z.object({ type: z.literal('within'), location: z.string().min(1).max(64) });

export const FieldMatch = z.union([ExactMatch, FuzzyMatch, AnyOfMatch, RangeMatch, WithinMatch]);
export type FieldMatch = z.infer<typeof FieldMatch>;

const exactOrAnyOf = <T extends z.ZodType<string>>(term: T) =>
  z.union([
    z.object({ type: z.literal('exact'), term }),
    z.object({ type: z.literal('anyOf'), terms: z.array(term).min(1) }),
  ]);
/** A date or date-time the database can compare with a record's dates; impossible ones (2026-02-30) are refused. */
export const DateOrDateTimeText = z
  .string()
  .max(40)
  .refine(isDateOrDateTime, 'a real date (YYYY-MM-DD) or ISO date-time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])');
/** The reference's relative periods, up to now. */
export const TIME_PERIODS = { last7Days: 7, last30Days: 30, last90Days: 90, last365Days: 365 } as const;
export const TimePeriod = z.enum(Object.keys(TIME_PERIODS) as [keyof typeof TIME_PERIODS]);
const dateMatch = z.union([
  z.strictObject({ type: z.literal('exact'), term: DateOrDateTimeText }),
  z
    .strictObject({ type: z.literal('range'), gte: DateOrDateTimeText.optional(), lte: DateOrDateTimeText.optional() })
    .refine((r) => r.gte !== undefined || r.lte !== undefined, 'a range needs gte or lte'),
  z.strictObject({ type: z.literal('timePeriod'), term: TimePeriod }),
]);
export type DateMatch = z.infer<typeof dateMatch>;
const locationMatch = z.union([ExactMatch, AnyOfMatch, WithinMatch]);
export type LocationMatch = z.infer<typeof locationMatch>;
const textMatch = z.union([ExactMatch, AnyOfMatch]);

/**
 * Flags a query may name: the record's own, and `incomplete` (the reference's flag of a notified record, which
 * here is the NOTIFIED status).
 */
export const FlagTerm = z.enum([...FLAGS, 'incomplete']);
export type FlagTerm = z.infer<typeof FlagTerm>;
/** The reference's form: the record has any of, none of, all of these flags. */
export const FlagsCondition = z
  .strictObject({
    anyOf: z.array(FlagTerm).min(1).max(20).optional(),
    noneOf: z.array(FlagTerm).min(1).max(20).optional(),
    allOf: z.array(FlagTerm).min(1).max(20).optional(),
  })
  .refine((f) => f.anyOf || f.noneOf || f.allOf, 'give anyOf, noneOf or allOf');

const UserTypeMatch = z.strictObject({ type: z.literal('exact'), term: z.enum(['user', 'system']) });

/** One clause: every key present must match. */
export const SearchClause = z.strictObject({
  id: z.union([z.uuid(), exactOrAnyOf(z.uuid())]).optional(),
  eventType: z.union([z.string(), exactOrAnyOf(z.string())]).optional(),
  trackingId: textMatch.optional(),
  registrationNumber: textMatch.optional(),
  status: exactOrAnyOf(EventStatus).optional(),
  flags: z
    .union([
      FlagsCondition,
      exactOrAnyOf(FlagTerm),
      z.strictObject({ type: z.literal('noneOf'), terms: z.array(FlagTerm).min(1) }),
    ])
    .optional(),
  dateOfEvent: dateMatch.optional(),
  createdAt: dateMatch.optional(),
  updatedAt: dateMatch.optional(),
  registeredAt: dateMatch.optional(),
  placeOfEvent: locationMatch.optional(),
  createdAtLocation: locationMatch.optional(),
  /** Where the record was last changed (its last write action). */
  updatedAtLocation: locationMatch.optional(),
  /** Alias of createdAtLocation ("declared in"). */
  declaredIn: locationMatch.optional(),
  registeredAtLocation: locationMatch.optional(),
  assignedTo: ExactMatch.optional(),
  createdBy: ExactMatch.optional(),
  createdByUserType: UserTypeMatch.optional(),
  updatedBy: ExactMatch.optional(),
  updatedByUserRole: textMatch.optional(),
  // Who declared and who registered the record, when and where (the reference's legalStatuses). A location of
  // null is the reference's "anywhere".
  'legalStatuses.DECLARED.createdAt': dateMatch.optional(),
  'legalStatuses.DECLARED.acceptedAt': dateMatch.optional(),
  'legalStatuses.DECLARED.createdAtLocation': locationMatch.nullable().optional(),
  'legalStatuses.DECLARED.createdBy': ExactMatch.optional(),
  'legalStatuses.DECLARED.createdByRole': textMatch.optional(),
  'legalStatuses.DECLARED.createdByUserType': UserTypeMatch.optional(),
  'legalStatuses.REGISTERED.createdAt': dateMatch.optional(),
  'legalStatuses.REGISTERED.acceptedAt': dateMatch.optional(),
  'legalStatuses.REGISTERED.createdAtLocation': locationMatch.nullable().optional(),
  'legalStatuses.REGISTERED.createdBy': ExactMatch.optional(),
  'legalStatuses.REGISTERED.createdByRole': textMatch.optional(),
  'legalStatuses.REGISTERED.createdByUserType': UserTypeMatch.optional(),
  'legalStatuses.REGISTERED.registrationNumber': textMatch.optional(),
  /** Any name on the record (child, mother, deceased, informant...). */
  name: FuzzyMatch.optional(),
  /** Declaration fields by id, e.g. "child.name", "mother.nid", "child.dob". */
  data: z.record(z.string().min(1).max(100), FieldMatch).optional(),
});
export type SearchClause = z.infer<typeof SearchClause>;

export type SearchQuery =
  | { type: 'and' | 'or'; clauses: Array<SearchClause | SearchQuery> }
  /** What a person types in the quick search box: tracking id, registration number, ID number or a name. */
  | { type: 'quick'; term: string };

export const SearchQuery: z.ZodType<SearchQuery> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.literal('quick'), term: z.string().trim().min(1).max(200) }),
    z.strictObject({
      type: z.enum(['and', 'or']),
      clauses: z
        .array(z.union([SearchQuery, SearchClause]))
        .min(1)
        .max(50),
    }),
  ]),
);
// Recursive: named, so API documents refer to it as one component (#/components/schemas/SearchQuery).
z.globalRegistry.add(SearchQuery, { id: 'SearchQuery' });

export const SearchSort = z.enum(['-updatedAt', 'updatedAt', '-dateOfEvent', 'dateOfEvent', 'title', '-score']);
export type SearchSort = z.infer<typeof SearchSort>;

/** Fields a search may be sorted by (the reference's `sort: [{field, direction}]`). */
export const SORT_FIELDS = [
  '_score',
  'createdAt',
  'updatedAt',
  'dateOfEvent',
  'trackingId',
  'type',
  'status',
  'title',
  'registrationNumber',
  'legalStatuses.DECLARED.createdAt',
  'legalStatuses.DECLARED.acceptedAt',
  'legalStatuses.REGISTERED.createdAt',
  'legalStatuses.REGISTERED.acceptedAt',
  'legalStatuses.REGISTERED.registrationNumber',
] as const;
export const SortKey = z.strictObject({
  field: z.enum(SORT_FIELDS),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type SortKey = z.infer<typeof SortKey>;

export const SearchRequest = z.strictObject({
  query: SearchQuery.describe(
    'the query; the reference 2.0 also sends it as JSON text, which is accepted and parsed the same way',
  ),
  limit: z.number().int().min(1).max(200).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
  sort: z
    .union([SearchSort, z.array(SortKey).min(1).max(5)])
    .optional()
    .describe("a named order, or the reference's [{field, direction}] (also as JSON text); default by relevance"),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

/**
 * A workqueue: a named saved search shown to some roles. Terms may use `$user.id` and `$user.office`,
 * filled in with the signed-in user's values.
 */
export const WorkqueueConfig = z.object({
  slug: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: Text,
  /** Role ids that see this workqueue. */
  roles: z.array(z.string().min(1)).min(1),
  query: SearchQuery,
  sort: SearchSort.default('-updatedAt'),
  /** Actions this queue is for, shown as hints in the list. */
  actions: z.array(ActionType).optional(),
});
export type WorkqueueConfig = z.infer<typeof WorkqueueConfig>;
