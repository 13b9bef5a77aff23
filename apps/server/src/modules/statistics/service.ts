import {
  type CertificatesQuery,
  type CertificatesResponse,
  type CompletenessQuery,
  type CompletenessResponse,
  type DataQualityQuery,
  type DataQualityResponse,
  type PeriodQuery,
  type QualityIssue,
  type RegistrationsQuery,
  type RegistrationsResponse,
  type StatisticsMapResponse,
  type TimeToRegistrationResponse,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { findStaff } from '../users/service.ts';
import { statisticsFilter, type StatisticsFilter } from './access.ts';
import { completeness as completenessOf } from './completeness.ts';
import { areaName } from './labels.ts';
import * as repo from './repository.ts';

const READ = 'performance.read';

function period(query: { from: string; to: string }): repo.Period {
  if (query.from > query.to) {
    throw badRequest('the period ends before it starts', [
      { field: 'querystring.to', message: 'must not be before from' },
    ]);
  }
  return { from: query.from, to: query.to };
}

export function filterFor(
  ctx: AppContext,
  user: AuthUser,
  query: { event: string; areaId?: string; officeId?: string },
) {
  return statisticsFilter(ctx.country, user, READ, query.event, query.areaId, query.officeId);
}

/** Display names of registrars by user id. */
async function registrarNames(ctx: AppContext, ids: string[]): Promise<Map<string, string>> {
  const staff = ids.length ? await findStaff(ctx, ids) : [];
  return new Map(staff.map((s) => [s.id, `${s.firstname} ${s.surname}`]));
}

/** Registrations in a period, grouped; `total` is the sum of the rows. */
export async function registrations(
  ctx: AppContext,
  user: AuthUser,
  query: RegistrationsQuery,
): Promise<RegistrationsResponse> {
  const filter = filterFor(ctx, user, query);
  const rows = await repo.countRegistrations(
    ctx.db,
    filter,
    period(query),
    repo.groupExpression(query.groupBy, filter.level),
  );
  const names =
    query.groupBy === 'registrar'
      ? await registrarNames(
          ctx,
          rows.map((r) => r.key),
        )
      : null;
  const labelled = rows.map((r) => {
    if (query.groupBy === 'area' || query.groupBy === 'office') {
      const name = ctx.country.locations.get(r.key)?.name;
      return name ? { ...r, label: name } : r;
    }
    const name = names?.get(r.key);
    return name ? { ...r, label: name } : r;
  });
  return { rows: labelled, total: rows.reduce((n, r) => n + r.count, 0) };
}

export async function completeness(
  ctx: AppContext,
  user: AuthUser,
  query: CompletenessQuery,
): Promise<CompletenessResponse> {
  return completenessOf(ctx, filterFor(ctx, user, query), query.year);
}

const spread = (median: number | null, p90: number | null) => ({
  median: median === null ? null : Math.round(Number(median) * 10) / 10,
  p90: p90 === null ? null : Math.round(Number(p90) * 10) / 10,
});

/** Median and 90th percentile of the days from event and from declaration to registration, by office. */
export async function timeToRegistration(
  ctx: AppContext,
  user: AuthUser,
  query: PeriodQuery,
): Promise<TimeToRegistrationResponse> {
  const rows = await repo.timeToRegistration(ctx.db, filterFor(ctx, user, query), period(query));
  const shape = (r: repo.TimeRow) => ({
    registered: r.registered,
    eventToRegistrationDays: spread(r.event_median, r.event_p90),
    declarationToRegistrationDays: spread(r.declaration_median, r.declaration_p90),
  });
  const all = rows.find((r) => r.all);
  return {
    rows: rows
      .filter((r) => !r.all)
      .map((r) => ({ officeId: r.office_id ?? '', name: areaName(ctx.country, r.office_id), ...shape(r) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    total: all
      ? shape(all)
      : {
          registered: 0,
          eventToRegistrationDays: spread(null, null),
          declarationToRegistrationDays: spread(null, null),
        },
  };
}

/** The offices a filter covers (null: all): those in its area, or the caller's own. */
function officesOf(ctx: AppContext, filter: StatisticsFilter): string[] | null {
  if (filter.officeId) return [filter.officeId];
  if (!filter.areaId) return null;
  const offices: string[] = [];
  for (const l of ctx.country.locations.all()) {
    if (l.type === 'CRVS_OFFICE' && ctx.country.locations.isWithin(l.id, filter.areaId)) offices.push(l.id);
  }
  return offices;
}

/** Certificates printed and fees collected, by office (in the area asked for) and month. */
export async function certificates(
  ctx: AppContext,
  user: AuthUser,
  query: CertificatesQuery,
): Promise<CertificatesResponse> {
  const anyEvent = query.event ?? [...ctx.country.events.keys()][0];
  const filter = statisticsFilter(ctx.country, user, READ, anyEvent, query.areaId, query.officeId);
  const rows = await repo.certificatesByOfficeMonth(ctx.db, {
    eventType: query.event ?? null,
    offices: officesOf(ctx, filter),
    ...period(query),
    timeZone: ctx.country.config.settings.timeZone,
  });
  const shaped = rows.map((r) => ({
    officeId: r.office_id,
    name: areaName(ctx.country, r.office_id),
    month: r.month,
    printed: r.printed,
    feesCollected: Number(r.fees),
  }));
  return {
    currency: ctx.country.config.settings.currency.code,
    rows: shaped,
    total: {
      printed: shaped.reduce((n, r) => n + r.printed, 0),
      feesCollected: Math.round(shaped.reduce((n, r) => n + r.feesCollected, 0) * 100) / 100,
    },
  };
}

/** Registered records with missing or implausible values, by office, with links to them. */
export async function dataQuality(
  ctx: AppContext,
  user: AuthUser,
  query: DataQualityQuery,
): Promise<DataQualityResponse> {
  const filter = filterFor(ctx, user, query);
  const found = await repo.qualityIssues(ctx.db, filter, period(query), query.limit);
  return {
    examined: found.totals.examined,
    withIssues: found.totals.with_issues,
    byOffice: found.byOffice
      .map((o) => ({
        officeId: o.office_id ?? '',
        name: areaName(ctx.country, o.office_id),
        records: o.records,
        issues: o.issues,
      }))
      .sort((a, b) => b.records - a.records || a.name.localeCompare(b.name)),
    records: found.records.map((r) => ({
      eventId: r.event_id,
      trackingId: r.tracking_id,
      registrationNumber: r.registration_number,
      officeId: r.office_id,
      registeredOn: r.registered_on,
      issues: r.quality as QualityIssue[],
      url: `/records/${r.event_id}`,
    })),
  };
}

/** The country's boundaries for the completeness map, with each feature's area id and name. */
export function statisticsMap(ctx: AppContext): StatisticsMapResponse {
  const map = ctx.country.config.vitalStatistics?.map;
  if (!map) throw notFound('this country has no boundaries to draw');
  return {
    level: map.level,
    source: map.source,
    geojson: {
      type: 'FeatureCollection',
      features: map.features.map((f) => ({
        type: 'Feature' as const,
        properties: { areaId: f.areaId, name: areaName(ctx.country, f.areaId) },
        geometry: f.geometry,
      })),
    },
  };
}
