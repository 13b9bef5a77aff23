import { NOT_STATED, type GroupBy } from '@lifeline/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { StatisticsFilter } from './access.ts';
import { areaColumn, AREA_LEVELS } from './tables.ts';

/** The only SQL of statistics: GROUP BYs over registration_facts' covering indexes (see migration 0050). */

const column = (name: string) => sql.ref(name);

/**
 * What a grouping counts by (`group`, computed per row: a plain column where possible) and how a group's value
 * becomes its key (`key`, computed once per group: formatting a month per row costs more than counting it).
 */
export interface Grouping {
  group: RawBuilder<unknown>;
  key(value: RawBuilder<unknown>): RawBuilder<string>;
}

/** A column counted as it is, NOT_STATED where empty. */
export const plainGrouping = (name: string): Grouping => ({
  group: column(name),
  key: (v) => sql<string>`COALESCE(${v}, ${NOT_STATED})`,
});

export function groupExpression(groupBy: GroupBy, level: number): Grouping {
  const plain: Partial<Record<GroupBy, string>> = {
    sex: 'sex',
    timeliness: 'timeliness',
    placeOfOccurrence: 'place_type',
    motherAgeGroup: 'mother_age_group',
    ageGroup: 'age_group',
    office: 'office_id',
    registrar: 'registrar_id',
  };
  if (groupBy === 'month') {
    return { group: sql`date_trunc('month', registered_on)`, key: (v) => sql<string>`to_char(${v}, 'YYYY-MM')` };
  }
  return plainGrouping(groupBy === 'area' ? areaColumn(level + 1) : plain[groupBy]!);
}

/** Where clause of the place and office limits (the event type and dates are each query's own). */
function placeLimits(filter: StatisticsFilter): RawBuilder<unknown> {
  const parts = [sql`NOT revoked`, sql`event_type = ${filter.eventType}`];
  if (filter.areaId) parts.push(sql`${column(areaColumn(filter.level))} = ${filter.areaId}`);
  if (filter.officeId) parts.push(sql`office_id = ${filter.officeId}`);
  return sql.join(parts, sql` AND `);
}

export interface Period {
  from: string;
  to: string;
}

/** Registrations in the period (by day of registration), grouped. */
export async function countRegistrations(
  db: Db,
  filter: StatisticsFilter,
  period: Period,
  grouping: Grouping,
): Promise<Array<{ key: string; count: number }>> {
  const { rows } = await sql<{ key: string; count: number }>`
    SELECT ${grouping.key(sql.ref('g'))} AS key, n AS count FROM (
      SELECT ${grouping.group} AS g, count(*)::int AS n
      FROM registration_facts
      WHERE ${placeLimits(filter)} AND registered_on BETWEEN ${period.from}::date AND ${period.to}::date
      GROUP BY 1) counted
    ORDER BY 1`.execute(db);
  return rows;
}

/** Registered events that took place in the period (by date of the event), by area of the level below. */
export async function countOccurredByArea(
  db: Db,
  filter: StatisticsFilter,
  period: Period,
): Promise<Array<{ key: string; registered: number; on_time: number }>> {
  const area = column(areaColumn(filter.level + 1));
  const { rows } = await sql<{ key: string; registered: number; on_time: number }>`
    SELECT COALESCE(${area}, ${NOT_STATED}) AS key, count(*)::int AS registered,
      count(*) FILTER (WHERE timeliness = 'ON_TIME')::int AS on_time
    FROM registration_facts
    WHERE ${placeLimits(filter)} AND event_date BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY ${area}`.execute(db);
  return rows;
}

/** A two-way count of registered events that took place in the period (UN tabulations). */
export async function crossCount(
  db: Db,
  filter: StatisticsFilter,
  period: Period,
  rows: Grouping,
  columns: Grouping,
): Promise<Array<{ row: string; col: string; count: number }>> {
  const result = await sql<{ row: string; col: string; count: number }>`
    SELECT ${rows.key(sql.ref('r'))} AS row, ${columns.key(sql.ref('c'))} AS col, n AS count FROM (
      SELECT ${rows.group} AS r, ${columns.group} AS c, count(*)::int AS n
      FROM registration_facts
      WHERE ${placeLimits(filter)} AND event_date BETWEEN ${period.from}::date AND ${period.to}::date
      GROUP BY 1, 2) counted`.execute(db);
  return result.rows;
}

export interface TimeRow {
  /** The row of all offices together. */
  all: boolean;
  office_id: string | null;
  registered: number;
  event_median: number | null;
  event_p90: number | null;
  declaration_median: number | null;
  declaration_p90: number | null;
}

/** Median and 90th percentile of the delays, by registering office and for all of them together. */
export async function timeToRegistration(db: Db, filter: StatisticsFilter, period: Period): Promise<TimeRow[]> {
  const { rows } = await sql<TimeRow>`
    SELECT GROUPING(office_id) = 1 AS all, office_id, count(*)::int AS registered,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_register) AS event_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY days_to_register) AS event_p90,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY declaration_days) AS declaration_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY declaration_days) AS declaration_p90
    FROM registration_facts
    WHERE ${placeLimits(filter)} AND registered_on BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY GROUPING SETS ((office_id), ())`.execute(db);
  return rows;
}

/** Certificates printed and fees taken, by office and month (in the country's time zone). */
export async function certificatesByOfficeMonth(
  db: Db,
  input: { eventType: string | null; offices: string[] | null; from: string; to: string; timeZone: string },
): Promise<Array<{ office_id: string; month: string; printed: number; fees: string }>> {
  const local = (c: string) => sql`(${sql.ref(c)} AT TIME ZONE ${input.timeZone})`;
  const printedDay = sql`${local('c.printed_at')}::date`;
  const paidDay = sql`${local('p.created_at')}::date`;
  const { rows } = await sql<{ office_id: string; month: string; printed: number; fees: string }>`
    WITH printed AS (
      SELECT c.printed_at_location AS office_id, to_char(${local('c.printed_at')}, 'YYYY-MM') AS month, count(*)::int AS n
      FROM certificates c
      WHERE c.printed_at >= (${input.from}::date - 1) AND c.printed_at < (${input.to}::date + 2)
        AND ${printedDay} BETWEEN ${input.from}::date AND ${input.to}::date
        AND c.printed_at_location IS NOT NULL
        ${input.eventType ? sql`AND c.event_type = ${input.eventType}` : sql``}
        ${input.offices ? sql`AND c.printed_at_location = ANY(${input.offices}::text[])` : sql``}
      GROUP BY 1, 2
    ), paid AS (
      SELECT p.office_id, to_char(${local('p.created_at')}, 'YYYY-MM') AS month, sum(p.amount) AS total
      FROM payments p ${input.eventType ? sql`JOIN events e ON e.id = p.event_id AND e.type = ${input.eventType}` : sql``}
      WHERE p.created_at >= (${input.from}::date - 1) AND p.created_at < (${input.to}::date + 2)
        AND ${paidDay} BETWEEN ${input.from}::date AND ${input.to}::date
        ${input.offices ? sql`AND p.office_id = ANY(${input.offices}::text[])` : sql``}
      GROUP BY 1, 2
    )
    SELECT COALESCE(printed.office_id, paid.office_id) AS office_id, COALESCE(printed.month, paid.month) AS month,
      COALESCE(printed.n, 0)::int AS printed, COALESCE(paid.total, 0)::text AS fees
    FROM printed FULL JOIN paid ON paid.office_id = printed.office_id AND paid.month = printed.month
    ORDER BY 1, 2`.execute(db);
  return rows;
}

/** Records with data quality issues: counts by office and issue, and the records themselves (latest first). */
export async function qualityIssues(db: Db, filter: StatisticsFilter, period: Period, limit: number) {
  const where = sql`${placeLimits(filter)} AND quality <> '{}' AND registered_on BETWEEN ${period.from}::date AND ${period.to}::date`;
  const period_ = sql`registered_on BETWEEN ${period.from}::date AND ${period.to}::date`;
  const [examined, offices, issues, records] = await Promise.all([
    // Two counts, each from its own index: the covering one, and the partial one of records with issues.
    sql<{ examined: number; with_issues: number }>`
      SELECT (SELECT count(*) FROM registration_facts WHERE ${placeLimits(filter)} AND ${period_})::int AS examined,
        (SELECT count(*) FROM registration_facts WHERE ${where})::int AS with_issues`.execute(db),
    sql<{ office_id: string | null; records: number }>`
      SELECT office_id, count(*)::int AS records FROM registration_facts WHERE ${where} GROUP BY 1`.execute(db),
    sql<{ office_id: string | null; issue: string; n: number }>`
      SELECT office_id, issue, count(*)::int AS n FROM registration_facts, unnest(quality) AS issue
      WHERE ${where} GROUP BY 1, 2`.execute(db),
    sql<{
      event_id: string;
      tracking_id: string;
      registration_number: string | null;
      office_id: string | null;
      registered_on: string;
      quality: string[];
    }>`
      SELECT f.event_id, i.tracking_id, i.registration_number, f.office_id,
        to_char(f.registered_on, 'YYYY-MM-DD') AS registered_on, f.quality
      FROM registration_facts f JOIN event_index i ON i.event_id = f.event_id
      WHERE ${where}
      ORDER BY f.registered_on DESC, f.event_id
      LIMIT ${limit}`.execute(db),
  ]);
  const byOffice = offices.rows.map((o) => ({
    office_id: o.office_id,
    records: o.records,
    issues: Object.fromEntries(issues.rows.filter((i) => i.office_id === o.office_id).map((i) => [i.issue, i.n])),
  }));
  return { totals: examined.rows[0], byOffice, records: records.rows };
}

export interface MicrodataRow {
  registration_month: string;
  event_month: string | null;
  area1: string | null;
  area2: string | null;
  sex: string;
  subject_age: number | null;
  age_group: string | null;
  mother_age: number | null;
  mother_age_group: string | null;
  birth_weight: number | null;
  place_type: string;
  timeliness: string;
  cause_chapter: string | null;
}

/**
 * The anonymised microdata of registered events: no record id, no exact date, places no finer than level 2. Rows
 * are ordered by their own values, not by record, so their order tells nothing more.
 */
export async function microdata(db: Db, filter: StatisticsFilter, period: Period): Promise<MicrodataRow[]> {
  const { rows } = await sql<MicrodataRow>`
    SELECT to_char(registered_on, 'YYYY-MM') AS registration_month, to_char(event_date, 'YYYY-MM') AS event_month,
      area1, area2, sex, subject_age, age_group, mother_age, mother_age_group, birth_weight, place_type, timeliness,
      cause_chapter
    FROM registration_facts
    WHERE ${placeLimits(filter)} AND registered_on BETWEEN ${period.from}::date AND ${period.to}::date
    ORDER BY 1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 13`.execute(db);
  return rows;
}

export { AREA_LEVELS };
