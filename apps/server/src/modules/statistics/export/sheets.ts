import {
  formFields,
  NOT_STATED,
  textIn,
  type CertificatesResponse,
  type CompletenessResponse,
  type DataQualityResponse,
  type GroupBy,
  type RegistrationsResponse,
  type Tabulation,
  type TimeToRegistrationResponse,
} from '@lifeline/domain';
import type { Country } from '../../../country.ts';
import type { ExportTable } from './table.ts';

/** Export sheets of each statistic: its rows under a title row and the filters used, totals last. */

const TIMELINESS: Record<string, string> = { ON_TIME: 'On time', LATE: 'Late', DELAYED: 'Delayed' };
const GROUP_TITLES: Record<GroupBy, string> = {
  month: 'month of registration',
  sex: 'sex',
  timeliness: 'timeliness',
  area: 'area',
  placeOfOccurrence: 'place of occurrence',
  motherAgeGroup: 'age of mother',
  ageGroup: 'age',
  office: 'registration office',
  registrar: 'registrar',
};

/** The filters as rows, with area and office names beside their ids. */
export function filterRows(country: Country, filters: Record<string, string | number | undefined>) {
  const named = (id: string) => `${country.locations.get(id)?.name ?? id} (${id})`;
  return Object.entries(filters)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([name, value]): [string, string] => [name, name === 'areaId' ? named(String(value)) : String(value)]);
}

const eventLabel = (country: Country, eventType: string) => {
  const event = country.events.get(eventType);
  return event ? textIn(event.label, 'en').toLowerCase() : eventType;
};

/** The words of a key: a form option's label, a timeliness band, "Not stated"... (English). */
export function keyLabel(country: Country, eventType: string, groupBy: GroupBy, key: string, label?: string): string {
  if (label) return label;
  if (key === NOT_STATED) return 'Not stated';
  if (groupBy === 'timeliness') return TIMELINESS[key] ?? key;
  const stats = country.config.vitalStatistics?.events[eventType];
  const fieldId =
    groupBy === 'sex' ? stats?.sexField : groupBy === 'placeOfOccurrence' ? stats?.placeOfOccurrence.field : null;
  const event = country.events.get(eventType);
  if (fieldId && event) {
    const field = formFields(event).find((f) => f.field.id === fieldId)?.field;
    const option = field && 'options' in field ? field.options.find((o) => o.value === key) : undefined;
    if (option) return textIn(option.label, 'en');
  }
  return key;
}

export function registrationsSheet(
  country: Country,
  query: { event: string; groupBy: GroupBy; from: string; to: string; areaId?: string },
  result: RegistrationsResponse,
): ExportTable {
  return {
    title: `Registrations of ${eventLabel(country, query.event)}s by ${GROUP_TITLES[query.groupBy]}, registered ${query.from} to ${query.to}`,
    filters: filterRows(country, query),
    columns: ['key', 'label', 'count'],
    rows: result.rows.map((r) => [r.key, keyLabel(country, query.event, query.groupBy, r.key, r.label), r.count]),
    totals: ['Total', '', result.total],
  };
}

export function completenessSheet(
  country: Country,
  query: { event: string; year: number; areaId?: string },
  result: CompletenessResponse,
): ExportTable {
  const t = result.total;
  return {
    title: `Completeness of ${eventLabel(country, query.event)} registration, ${query.year}`,
    filters: filterRows(country, query),
    columns: ['areaId', 'name', 'registered', 'registeredOnTime', 'expected', 'completeness', 'completenessOnTime'],
    rows: result.rows.map((r) => [
      r.areaId,
      r.name,
      r.registered,
      r.registeredOnTime,
      r.expected,
      r.completeness,
      r.completenessOnTime,
    ]),
    totals: ['Total', '', t.registered, t.registeredOnTime, t.expected, t.completeness, t.completenessOnTime],
    notes: [
      `Method: ${result.method.formula}`,
      `Source: ${result.method.source}; statistics year ${result.method.statisticsYear ?? 'none'}`,
      ...result.method.notes,
    ],
  };
}

export function timeToRegistrationSheet(
  country: Country,
  query: { event: string; from: string; to: string; areaId?: string },
  result: TimeToRegistrationResponse,
): ExportTable {
  const cells = (r: TimeToRegistrationResponse['total']) => [
    r.registered,
    r.eventToRegistrationDays.median,
    r.eventToRegistrationDays.p90,
    r.declarationToRegistrationDays.median,
    r.declarationToRegistrationDays.p90,
  ];
  return {
    title: `Days to registration of ${eventLabel(country, query.event)}s by office, registered ${query.from} to ${query.to}`,
    filters: filterRows(country, query),
    columns: [
      'officeId',
      'name',
      'registered',
      'eventToRegistrationMedian',
      'eventToRegistrationP90',
      'declarationToRegistrationMedian',
      'declarationToRegistrationP90',
    ],
    rows: result.rows.map((r) => [r.officeId, r.name, ...cells(r)]),
    totals: ['All offices', '', ...cells(result.total)],
  };
}

export function certificatesSheet(
  country: Country,
  query: { event?: string; from: string; to: string; areaId?: string },
  result: CertificatesResponse,
): ExportTable {
  return {
    title: `Certificates printed and fees collected (${result.currency}) by office and month, ${query.from} to ${query.to}`,
    filters: filterRows(country, query),
    columns: ['officeId', 'name', 'month', 'printed', 'feesCollected'],
    rows: result.rows.map((r) => [r.officeId, r.name, r.month, r.printed, r.feesCollected]),
    totals: ['Total', '', '', result.total.printed, result.total.feesCollected],
  };
}

export function dataQualitySheet(
  country: Country,
  query: { event: string; from: string; to: string; areaId?: string },
  result: DataQualityResponse,
): ExportTable {
  const issues = [...new Set(result.byOffice.flatMap((o) => Object.keys(o.issues)))].sort();
  const sum = (issue: string) => result.byOffice.reduce((n, o) => n + (o.issues[issue] ?? 0), 0);
  return {
    title: `Data quality of ${eventLabel(country, query.event)} registrations by office, registered ${query.from} to ${query.to}`,
    filters: filterRows(country, query),
    columns: ['officeId', 'name', 'recordsWithIssues', ...issues],
    rows: result.byOffice.map((o) => [o.officeId, o.name, o.records, ...issues.map((i) => o.issues[i] ?? 0)]),
    totals: ['Total', '', result.withIssues, ...issues.map(sum)],
    notes: [`${result.examined} registered records examined, ${result.withIssues} with at least one issue.`],
  };
}

export function tabulationSheet(
  country: Country,
  query: { year: number; areaId?: string },
  t: Tabulation,
): ExportTable {
  return {
    title: t.title,
    filters: filterRows(country, { table: t.id, ...query }),
    columns: [t.rowTitle, '', ...t.columns.map((c) => c.label), 'Total'],
    rows: t.rows.map((r) => [r.key, r.label, ...r.values, r.total]),
    totals: ['Total', '', ...t.totals.values, t.totals.total],
    notes: ['United Nations, Principles and Recommendations for a Vital Statistics System, Revision 3 (2014).'],
  };
}
