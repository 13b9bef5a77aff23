import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { DailyReportQuery } from './schemas.ts';
import { dailyReport } from './service.ts';

export function paymentRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/payments/daily-report',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'getDailyPaymentsReport',
        tags: ['payments'],
        summary: "A day's certificate payments per office (CSV)",
        description:
          'Scope performance.read or record.register. National roles see every office (or the one given); ' +
          'others only their own office.',
        querystring: DailyReportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv, one row per payment') },
      },
    },
    async (request, reply) => {
      const csv = await dailyReport(ctx, request.user, request.query);
      const office = request.query.officeId ?? 'offices';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="payments-${request.query.date}-${office}.csv"`)
        .send(csv);
    },
  );
}
