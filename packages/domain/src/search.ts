import { z } from 'zod';
import { ActionType, EventStatus, Flag } from './actions.ts';
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
const dateMatch = z.union([
  z.object({ type: z.literal('exact'), term: DateOrDateTimeText }),
  z
    .object({ type: z.literal('range'), gte: DateOrDateTimeText.optional(), lte: DateOrDateTimeText.optional() })
    .refine((r) => r.gte !== undefined || r.lte !== undefined, 'a range needs gte or lte'),
]);
const locationMatch = z.union([ExactMatch, AnyOfMatch, WithinMatch]);

/** One clause: every key present must match. */
export const SearchClause = z.strictObject({
  id: exactOrAnyOf(z.uuid()).optional(),
  eventType: z.union([z.string(), exactOrAnyOf(z.string())]).optional(),
  trackingId: z.union([ExactMatch, AnyOfMatch]).optional(),
  registrationNumber: z.union([ExactMatch, AnyOfMatch]).optional(),
  status: exactOrAnyOf(EventStatus).optional(),
  flags: z.union([exactOrAnyOf(Flag), z.object({ type: z.literal('noneOf'), terms: z.array(Flag).min(1) })]).optional(),
  dateOfEvent: dateMatch.optional(),
  createdAt: dateMatch.optional(),
  updatedAt: dateMatch.optional(),
  registeredAt: dateMatch.optional(),
  placeOfEvent: locationMatch.optional(),
  createdAtLocation: locationMatch.optional(),
  /** Alias of createdAtLocation ("declared in"). */
  declaredIn: locationMatch.optional(),
  registeredAtLocation: locationMatch.optional(),
  assignedTo: ExactMatch.optional(),
  createdBy: ExactMatch.optional(),
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

export const SearchRequest = z.strictObject({
  query: SearchQuery,
  limit: z.number().int().min(1).max(200).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
  sort: SearchSort.optional(),
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
