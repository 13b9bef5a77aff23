import { grantedJurisdiction, type ScopeName } from '@lifeline/domain';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Country } from '../../country.ts';
import type { Database } from '../../db/schema.ts';
import type { AuthUser } from '../auth/types.ts';

/** What the access rule needs to know about a record: its type, its creator, its status and where it belongs. */
export interface RecordAccessFacts {
  type: string;
  createdBy: string;
  /** A record still CREATED (never submitted) is its creator's private draft. */
  status: string;
  createdAtLocation: string | null;
  placeOfEvent: string | null;
}

/**
 * Where one scope of a user reaches: everywhere, the user's office, or the administrative area of the office
 * (records declared at the office or in the area, or whose event happened in the area).
 */
export type Reach =
  { kind: 'everywhere' } | { kind: 'office'; officeId: string } | { kind: 'area'; officeId: string; areaId: string };

/** One grant of a scope: the event types it covers (null = all) and where. */
export interface Grant {
  events: readonly string[] | null;
  reach: Reach;
}

/** The scope that lets a user read records (GET, search results, workqueues, files, certificates, exports). */
export const READ_SCOPE: ScopeName = 'record.read';

/**
 * The grants of `scope` a user holds, one per scope entry of their role. This is the single translation of
 * scopes and jurisdictions into places: `matches` (one record, in memory) and `grantsSql` (many records, in
 * the database) both read these grants, so the two cannot disagree about what a jurisdiction means.
 */
export function grantsOf(country: Country, user: AuthUser, scope: ScopeName): Grant[] {
  const area = country.locations.areaOf(user.primaryOfficeId);
  return user.scopes
    .filter((s) => s.name === scope)
    .map((s): Grant => {
      if (s.jurisdiction === 'all') return { events: s.events, reach: { kind: 'everywhere' } };
      // National offices (HQ, embassies) sit in no area: an "area" scope there means the office itself.
      if (s.jurisdiction === 'office' || !area) {
        return { events: s.events, reach: { kind: 'office', officeId: user.primaryOfficeId } };
      }
      return { events: s.events, reach: { kind: 'area', officeId: user.primaryOfficeId, areaId: area } };
    });
}

/** Whether a record lies where this reach extends. */
export function reaches(
  country: Country,
  reach: Reach,
  record: Omit<RecordAccessFacts, 'type' | 'createdBy' | 'status'>,
) {
  if (reach.kind === 'everywhere') return true;
  if (record.createdAtLocation === reach.officeId) return true;
  if (reach.kind === 'office') return false;
  const within = (id: string | null) => !!id && country.locations.isWithin(id, reach.areaId);
  return within(record.createdAtLocation) || within(record.placeOfEvent);
}

/** Whether one of the grants covers this record (by event type and place). */
export function matches(
  country: Country,
  grants: readonly Grant[],
  record: Omit<RecordAccessFacts, 'createdBy' | 'status'>,
) {
  return grants.some((g) => (!g.events || g.events.includes(record.type)) && reaches(country, g.reach, record));
}

/**
 * THE access rule for personal data: a user may read a record they created, or a submitted one their record.read
 * scope covers by event type and jurisdiction (a record never submitted, only CREATE, is its creator's alone). GET, search results, workqueue rows, files, certificates and exports
 * all ask this (or `readableSql`, its translation to SQL).
 */
export function canRead(
  country: Country,
  user: AuthUser,
  record: RecordAccessFacts,
  options: { partial?: boolean } = {},
): boolean {
  // A client limited to some fields reads only through the redacting paths (see fields.ts).
  if (user.client?.fields && !options.partial) return false;
  if (record.createdBy === user.id) return true;
  if (record.status === NEVER_SUBMITTED) return false;
  return matches(country, grantsOf(country, user, READ_SCOPE), record);
}

/** The status of a record that only its creator has seen so far. */
export const NEVER_SUBMITTED = 'CREATED';

type IndexEB = ExpressionBuilder<Database, 'event_index'>;

const likeEscape = (id: string) => id.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** `reaches` over event_index rows, using the materialised location paths written with every projection row. */
function reachSql(eb: IndexEB, reach: Reach): Expression<SqlBool> {
  if (reach.kind === 'everywhere') return sql<SqlBool>`true`;
  const atOffice = eb('created_at_location', '=', reach.officeId);
  if (reach.kind === 'office') return atOffice;
  const pattern = `%/${likeEscape(reach.areaId)}/%`;
  return eb.or([
    atOffice,
    sql<SqlBool>`created_at_location_path LIKE ${pattern}`,
    sql<SqlBool>`place_of_event_path LIKE ${pattern}`,
  ]);
}

/** `matches` over event_index rows. */
export function grantsSql(eb: IndexEB, grants: readonly Grant[]): Expression<SqlBool> {
  if (!grants.length) return sql<SqlBool>`false`;
  return eb.or(
    grants.map((g) =>
      g.events ? eb.and([eb('type', 'in', [...g.events]), reachSql(eb, g.reach)]) : reachSql(eb, g.reach),
    ),
  );
}

/** `canRead` over event_index rows: the filter every search and workqueue runs with. */
export function readableSql(eb: IndexEB, country: Country, user: AuthUser): Expression<SqlBool> {
  return eb.or([
    eb('created_by', '=', user.id),
    eb.and([eb('status', '<>', NEVER_SUBMITTED), grantsSql(eb, grantsOf(country, user, READ_SCOPE))]),
  ]);
}

/** Whether the user holds `scope` for this event type anywhere (no record yet, e.g. creating one). */
export function holdsScope(user: AuthUser, scope: ScopeName, eventType?: string): boolean {
  return grantedJurisdiction(user.scopes, scope, eventType) !== null;
}
