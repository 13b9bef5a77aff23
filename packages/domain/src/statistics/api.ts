import { z } from 'zod';
import { isCalendarDate } from '../dates.ts';
import { QUALITY_ISSUES } from './facts.ts';

/** Request and response shapes of /api/statistics, shared by the server (validation, OpenAPI) and the web app. */

const CalendarDate = z
  .string()
  .refine(isCalendarDate, 'a real date written YYYY-MM-DD')
  .describe('a calendar date, YYYY-MM-DD');
const EventType = z.string().min(1).max(40).describe('event type id: birth, death');
const AreaId = z.string().min(1).max(64).describe('an administrative area (default: the whole country, or your area)');

export const GROUP_BY = [
  'month',
  'sex',
  'timeliness',
  'area',
  'placeOfOccurrence',
  'motherAgeGroup',
  'ageGroup',
  'office',
  'registrar',
] as const;
export const GroupBy = z.enum(GROUP_BY);
export type GroupBy = z.infer<typeof GroupBy>;

/** A period of registration dates, both ends included. */
export const PeriodQuery = z.object({
  event: EventType,
  from: CalendarDate,
  to: CalendarDate,
  areaId: AreaId.optional(),
  officeId: z.string().min(1).max(64).optional().describe('only records registered at this office'),
});
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const RegistrationsQuery = PeriodQuery.extend({ groupBy: GroupBy });
export type RegistrationsQuery = z.infer<typeof RegistrationsQuery>;

export const CountRow = z.object({
  key: z.string().describe('area, office or user id; the form option value; YYYY-MM; NOT_STATED when not given'),
  label: z.string().optional().describe("the area's, office's or registrar's name"),
  count: z.number().int(),
});
export type CountRow = z.infer<typeof CountRow>;

export const RegistrationsResponse = z.object({ rows: z.array(CountRow), total: z.number().int() });
export type RegistrationsResponse = z.infer<typeof RegistrationsResponse>;

export const CompletenessQuery = z.object({
  event: EventType,
  year: z.coerce.number().int().min(1900).max(2200),
  areaId: AreaId.optional(),
});
export type CompletenessQuery = z.infer<typeof CompletenessQuery>;

export const CompletenessRow = z.object({
  areaId: z.string(),
  name: z.string(),
  registered: z.number().int(),
  registeredOnTime: z.number().int(),
  /** Null where the country has no population statistics for the area. */
  expected: z.number().nullable(),
  completeness: z.number().nullable().describe('registered / expected (a fraction: 0.85 is 85%)'),
  completenessOnTime: z.number().nullable().describe('registeredOnTime / expected'),
});
export type CompletenessRow = z.infer<typeof CompletenessRow>;

export const CompletenessMethod = z.object({
  formula: z.string(),
  source: z.string(),
  /** The year asked for, and the year of the population statistics used. */
  year: z.number().int(),
  statisticsYear: z.number().int().nullable(),
  /** Crude rate per 1,000 used when the country gives one rate for all areas (deaths), else null. */
  crudeRate: z.number().nullable(),
  /** The share of the year the expected numbers cover (1 for a year that is over). */
  fractionOfYear: z.number(),
  /** The last day counted when the year is not over, else null. */
  proratedTo: z.string().nullable(),
  notes: z.array(z.string()),
});
export type CompletenessMethod = z.infer<typeof CompletenessMethod>;

export const CompletenessResponse = z.object({
  method: CompletenessMethod,
  /** The area the rows are under (null: the country), and the level of the rows. */
  areaId: z.string().nullable(),
  level: z.number().int(),
  rows: z.array(CompletenessRow),
  total: CompletenessRow.omit({ areaId: true, name: true }),
});
export type CompletenessResponse = z.infer<typeof CompletenessResponse>;

export const Spread = z.object({ median: z.number().nullable(), p90: z.number().nullable() });
export const TimeToRegistrationRow = z.object({
  officeId: z.string(),
  name: z.string(),
  registered: z.number().int(),
  /** Days from the event to the day of registration. */
  eventToRegistrationDays: Spread,
  /** Days (with fractions) from the first declaration to the registration. */
  declarationToRegistrationDays: Spread,
});
export type TimeToRegistrationRow = z.infer<typeof TimeToRegistrationRow>;
export const TimeToRegistrationResponse = z.object({
  rows: z.array(TimeToRegistrationRow),
  total: TimeToRegistrationRow.omit({ officeId: true, name: true }),
});
export type TimeToRegistrationResponse = z.infer<typeof TimeToRegistrationResponse>;

export const CertificatesQuery = PeriodQuery.extend({ event: EventType.optional() });
export type CertificatesQuery = z.infer<typeof CertificatesQuery>;
export const CertificatesRow = z.object({
  officeId: z.string(),
  name: z.string(),
  month: z.string().describe('YYYY-MM'),
  printed: z.number().int(),
  feesCollected: z.number(),
});
export type CertificatesRow = z.infer<typeof CertificatesRow>;
export const CertificatesResponse = z.object({
  currency: z.string(),
  rows: z.array(CertificatesRow),
  total: z.object({ printed: z.number().int(), feesCollected: z.number() }),
});
export type CertificatesResponse = z.infer<typeof CertificatesResponse>;

export const QualityIssueCode = z.enum(QUALITY_ISSUES);
export const DataQualityResponse = z.object({
  /** Registered records examined, and those with at least one issue. */
  examined: z.number().int(),
  withIssues: z.number().int(),
  byOffice: z.array(
    z.object({
      officeId: z.string(),
      name: z.string(),
      records: z.number().int(),
      issues: z.record(z.string(), z.number().int()),
    }),
  ),
  /** The records with issues, most recent registrations first (at most `limit`). */
  records: z.array(
    z.object({
      eventId: z.string(),
      trackingId: z.string(),
      registrationNumber: z.string().nullable(),
      officeId: z.string().nullable(),
      registeredOn: z.string(),
      issues: z.array(QualityIssueCode),
      url: z.string().describe('the record in the web app'),
    }),
  ),
});
export type DataQualityResponse = z.infer<typeof DataQualityResponse>;
export const DataQualityQuery = PeriodQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type DataQualityQuery = z.infer<typeof DataQualityQuery>;

export const TABULATIONS = [
  'births-by-month-and-sex',
  'births-by-mother-age',
  'births-by-place-of-occurrence',
  'births-by-urban-rural',
  'deaths-by-age-and-sex',
  'deaths-by-cause',
] as const;
export const TabulationId = z.enum(TABULATIONS);
export type TabulationId = z.infer<typeof TabulationId>;
export const TabulationQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200).describe('year of occurrence'),
  areaId: AreaId.optional(),
});
export type TabulationQuery = z.infer<typeof TabulationQuery>;
export const Tabulation = z.object({
  id: TabulationId,
  title: z.string(),
  /** What the rows and the columns are (e.g. "Month of occurrence", "Sex"). */
  rowTitle: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(
    z.object({ key: z.string(), label: z.string(), values: z.array(z.number().int()), total: z.number().int() }),
  ),
  totals: z.object({ values: z.array(z.number().int()), total: z.number().int() }),
});
export type Tabulation = z.infer<typeof Tabulation>;

export const StatisticsMapResponse = z.object({
  level: z.number().int(),
  source: z.string(),
  /** GeoJSON; each feature's `properties.areaId` and `properties.name` name its area. */
  geojson: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ areaId: z.string(), name: z.string() }),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }),
      }),
    ),
  }),
});
export type StatisticsMapResponse = z.infer<typeof StatisticsMapResponse>;
