import { placeCategory, type PeriodQuery } from '@lifeline/domain';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { statisticsFilter } from './access.ts';
import { areaName } from './labels.ts';
import * as repo from './repository.ts';

export const MICRODATA_COLUMNS = [
  'event_type',
  'registration_month',
  'event_month',
  'province_id',
  'province',
  'district_id',
  'district',
  'sex',
  'age',
  'age_group',
  'mother_age',
  'mother_age_group',
  'birth_weight_kg',
  'place_of_occurrence',
  'timeliness',
  'cause_of_death_icd10_chapter',
] as const;

/**
 * The vital statistics export for the statistics office: one anonymised line per registered event in the period
 * (by day of registration). No name, no identifier of the record or of anyone, no exact date (year-month only),
 * no place below the district (level 2), so a line cannot be traced back to a record by what it shows.
 */
export async function microdataCsv(
  ctx: AppContext,
  user: AuthUser,
  query: PeriodQuery,
): Promise<{ csv: string; rows: number }> {
  if (query.from > query.to) {
    throw badRequest('the period ends before it starts', [
      { field: 'querystring.to', message: 'must not be before from' },
    ]);
  }
  const filter = statisticsFilter(
    ctx.country,
    user,
    'performance.vital-statistics-export',
    query.event,
    query.areaId,
    query.officeId,
  );
  const stats = ctx.country.config.vitalStatistics!.events[query.event];
  const rows = await repo.microdata(ctx.db, filter, { from: query.from, to: query.to });
  const lines = rows.map((r) => [
    query.event,
    r.registration_month,
    r.event_month ?? '',
    r.area1 ?? '',
    r.area1 ? areaName(ctx.country, r.area1) : '',
    r.area2 ?? '',
    r.area2 ? areaName(ctx.country, r.area2) : '',
    r.sex,
    r.subject_age ?? '',
    r.age_group ?? '',
    r.mother_age ?? '',
    r.mother_age_group ?? '',
    r.birth_weight ?? '',
    placeCategory(stats, r.place_type) ?? 'NOT_STATED',
    r.timeliness,
    r.cause_chapter ?? '',
  ]);
  const csv = stringify([[...MICRODATA_COLUMNS], ...lines], { record_delimiter: 'windows' });
  return { csv, rows: rows.length };
}
