import {
  CertificatesQuery,
  CertificatesResponse,
  CompletenessQuery,
  CompletenessResponse,
  DataQualityQuery,
  DataQualityResponse,
  PeriodQuery,
  RegistrationsQuery,
  RegistrationsResponse,
  StatisticsMapResponse,
  Tabulation,
  TabulationId,
  TabulationQuery,
  TimeToRegistrationResponse,
  TABULATIONS,
} from '@lifeline/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import { auditExport } from './audit.ts';
import * as sheets from './export/sheets.ts';
import { CSV_TYPE, XLSX_TYPE, type ExportFormat, type ExportTable } from './export/table.ts';
import { render } from './export/write.ts';
import { microdataCsv } from './microdata.ts';
import * as service from './service.ts';
import { tabulation } from './tabulations.ts';

const PROBLEM = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string() }).passthrough();
const ERRORS = { 400: PROBLEM, 401: PROBLEM, 403: PROBLEM };
const FILE = z.string().describe('the file (CSV text, or XLSX bytes)');

/** JSON, unless the Accept header asks for CSV or XLSX. */
function negotiated(request: FastifyRequest): 'json' | ExportFormat {
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/csv')) return 'csv';
  if (accept.includes(XLSX_TYPE)) return 'xlsx';
  return 'json';
}

async function sendFile(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  statistic: string,
  format: ExportFormat,
  table: ExportTable,
  filters: Record<string, unknown>,
) {
  const body = await render(table, format);
  await auditExport(ctx, request.user, request.ip, { statistic, format, filters, rows: table.rows.length });
  return reply
    .type(format === 'csv' ? CSV_TYPE : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${statistic}.${format}"`)
    .send(body);
}

interface StatisticRoute<Q extends ZodType, R extends ZodType> {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  query: Q;
  response: R;
  compute(ctx: AppContext, user: AuthUser, query: z.infer<Q>): Promise<z.infer<R>>;
  sheet(ctx: AppContext, query: z.infer<Q>, result: z.infer<R>): ExportTable;
}

/**
 * A statistic at three paths: `/api/statistics/x` (JSON, or CSV / XLSX by the Accept header), `x.csv` and
 * `x.xlsx`. Every CSV and XLSX is audited.
 */
function statistic<Q extends ZodType, R extends ZodType>(app: ApiApp, ctx: AppContext, s: StatisticRoute<Q, R>) {
  const name = s.path.split('/').at(-1)!;
  const handler = (format: 'negotiate' | ExportFormat) => async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as z.infer<Q>;
    const result = await s.compute(ctx, request.user, query);
    const chosen = format === 'negotiate' ? negotiated(request) : format;
    if (chosen === 'json') return result;
    return sendFile(ctx, request, reply, name, chosen, s.sheet(ctx, query, result), query as Record<string, unknown>);
  };
  app.get(
    s.path,
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: s.operationId,
        tags: ['statistics'],
        summary: s.summary,
        description: `${s.description} Send \`Accept: text/csv\` or \`Accept: ${XLSX_TYPE}\` (or use ${s.path}.csv / .xlsx) for a file with a title row, the filters and totals.`,
        querystring: s.query,
        response: { 200: s.response, ...ERRORS },
      },
    },
    // (Generic over the statistic's schemas, which TypeScript cannot check against the route's: they are the same.)
    handler('negotiate') as never,
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `${s.path}.${format}`,
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: `${s.operationId}${format === 'csv' ? 'Csv' : 'Xlsx'}`,
          tags: ['statistics'],
          summary: `${s.summary} (${format.toUpperCase()})`,
          querystring: s.query,
          produces: [format === 'csv' ? 'text/csv' : XLSX_TYPE],
          response: { 200: FILE, ...ERRORS },
        },
      },
      handler(format) as never,
    );
  }
}

export function statisticsRoutes(app: ApiApp, ctx: AppContext) {
  const scopeNote = 'Scope performance.read; counts are limited to your jurisdiction.';
  statistic(app, ctx, {
    path: '/api/statistics/registrations',
    operationId: 'getRegistrationStatistics',
    summary:
      'Registrations in a period, grouped by month, sex, timeliness, area, place, age group, office or registrar',
    description: `Records registered between from and to (days of registration) whose event took place in areaId or under it. total is the sum of the rows. ${scopeNote}`,
    query: RegistrationsQuery,
    response: RegistrationsResponse,
    compute: service.registrations,
    sheet: (c, q, r) => sheets.registrationsSheet(c.country, q, r),
  });
  statistic(app, ctx, {
    path: '/api/statistics/completeness',
    operationId: 'getCompleteness',
    summary: 'Completeness of registration of a year, for the areas one level below areaId',
    description: `registered / (population x crude rate / 1000), prorated to date while the year is not over; method states the formula, source and year used. ${scopeNote}`,
    query: CompletenessQuery,
    response: CompletenessResponse,
    compute: service.completeness,
    sheet: (c, q, r) => sheets.completenessSheet(c.country, q, r),
  });
  statistic(app, ctx, {
    path: '/api/statistics/time-to-registration',
    operationId: 'getTimeToRegistration',
    summary: 'Median and 90th percentile of days from event and from declaration to registration, by office',
    description: scopeNote,
    query: PeriodQuery,
    response: TimeToRegistrationResponse,
    compute: service.timeToRegistration,
    sheet: (c, q, r) => sheets.timeToRegistrationSheet(c.country, q, r),
  });
  statistic(app, ctx, {
    path: '/api/statistics/certificates',
    operationId: 'getCertificateStatistics',
    summary: 'Certificates printed and fees collected, by office and month',
    description: `Offices in areaId (or your own office, with an office jurisdiction). ${scopeNote}`,
    query: CertificatesQuery,
    response: CertificatesResponse,
    compute: service.certificates,
    sheet: (c, q, r) => sheets.certificatesSheet(c.country, q, r),
  });
  statistic(app, ctx, {
    path: '/api/statistics/data-quality',
    operationId: 'getDataQuality',
    summary: 'Registered records with missing or implausible values, by office, with links to the records',
    description: `Mother younger than 12 or older than 55 at the birth, birth weight outside 0.5-7 kg, event after registration, registration before the declaration, missing sex, place or age. Every read is audited. ${scopeNote}`,
    query: DataQualityQuery,
    response: DataQualityResponse,
    compute: async (c, user, q) => {
      const result = await service.dataQuality(c, user, q);
      await auditExport(c, user, null, {
        statistic: 'data-quality',
        format: 'json',
        filters: q,
        rows: result.records.length,
      });
      return result;
    },
    sheet: (c, q, r) => sheets.dataQualitySheet(c.country, q, r),
  });

  const TableParam = z
    .string()
    .regex(
      new RegExp(`^(${TABULATIONS.join('|')})(\\.(csv|xlsx))?$`),
      `one of ${TABULATIONS.join(', ')}, optionally with .csv or .xlsx`,
    );
  app.get(
    '/api/statistics/tabulations/:table',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'getTabulation',
        tags: ['statistics'],
        summary: 'A UN Principles and Recommendations (Rev. 3) tabulation of a year of occurrence',
        description: `Tables: ${TABULATIONS.join(', ')}. Add .csv or .xlsx to the table, or send Accept, for a file. ${scopeNote}`,
        params: z.object({ table: TableParam }),
        querystring: TabulationQuery,
        response: { 200: Tabulation, 409: PROBLEM, ...ERRORS },
      },
    },
    async (request, reply) => {
      const [id, suffix] = request.params.table.split('.') as [TabulationId, ExportFormat | undefined];
      const result = await tabulation(ctx, request.user, id, request.query);
      const format = suffix ?? negotiated(request);
      if (format === 'json') return result;
      const table = sheets.tabulationSheet(ctx.country, request.query, result);
      return sendFile(ctx, request, reply, id, format, table, { table: id, ...request.query });
    },
  );

  for (const path of ['/api/statistics/vital-statistics-export', '/api/statistics/vital-statistics-export.csv']) {
    app.get(
      path,
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: path.endsWith('.csv') ? 'exportVitalStatisticsCsv' : 'exportVitalStatistics',
          tags: ['statistics'],
          summary: 'Anonymised microdata of registered events for the statistics office (CSV)',
          description:
            'One line per event registered in the period: sex, year-month of event and registration, ages, place ' +
            'category, province and district, timeliness, ICD-10 chapter of the cause of death. No name, no ' +
            'identifier, no exact date, no place below the district. Scope performance.vital-statistics-export; ' +
            'audited.',
          querystring: PeriodQuery,
          produces: ['text/csv'],
          response: { 200: FILE, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { csv, rows } = await microdataCsv(ctx, request.user, request.query);
        await auditExport(ctx, request.user, request.ip, {
          statistic: 'vital-statistics-export',
          format: 'csv',
          filters: request.query,
          rows,
        });
        const name = `vital-statistics-${request.query.event}-${request.query.from}-${request.query.to}.csv`;
        return reply.type(CSV_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(csv);
      },
    );
  }

  app.get(
    '/api/statistics/map',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'getStatisticsMap',
        tags: ['statistics'],
        summary: "The country's area boundaries (GeoJSON) for the completeness map",
        response: { 200: StatisticsMapResponse, 401: PROBLEM, 404: PROBLEM },
      },
    },
    async () => service.statisticsMap(ctx),
  );
}
