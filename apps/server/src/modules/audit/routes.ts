import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { exportAudit, readAudit } from './views.ts';

/** A calendar date (whole day, UTC) or an instant. `to` of a date includes that whole day. */
const instant = (end: boolean) =>
  z
    .string()
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(s) && !Number.isNaN(Date.parse(s)),
      'is not a date (YYYY-MM-DD) or an ISO date-time',
    )
    .transform((s) => {
      const d = new Date(s);
      return end && s.length === 10 ? new Date(d.getTime() + 86_400_000) : d;
    });

const AuditFilters = z.object({
  userId: z.uuid().optional().describe('what this user did, and what was done to their account'),
  eventId: z.uuid().optional().describe("a record's trail: who viewed, printed and changed it"),
  action: z
    .string()
    .regex(/^[a-zA-Z_.-]+\*?$/, 'an action such as record.REGISTER, or a prefix ending in * (record.*)')
    .max(64)
    .optional(),
  from: instant(false).optional().describe('from this date or instant (inclusive)'),
  to: instant(true).optional().describe('until this date (inclusive) or instant (exclusive)'),
});

const Entry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string().describe('e.g. record.READ, record.REGISTER, certificate.PDF, login.succeeded, user.created'),
  actorId: z.string().nullable().describe('null: the system itself'),
  actorRole: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  record: z.object({ id: z.string(), trackingId: z.string(), title: z.string() }).nullable(),
});

export function auditRoutes(app: ApiApp, ctx: AppContext) {
  const tags = ['audit'];
  const description =
    'Your own trail with user.read-only-my-audit; anyone in your jurisdiction with user.read (administrators, ' +
    'performance managers); a record you may read. Reading the trail is itself audited.';

  app.get(
    '/api/audit',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'listAuditEntries',
        tags,
        summary: 'The audit trail, newest first, by user, record, action and dates, a page at a time',
        description,
        querystring: AuditFilters.extend({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({ results: z.array(Entry), total: z.number().int() }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => readAudit(ctx, request.user, request.query),
  );

  app.get(
    '/api/audit/export',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'exportAuditEntries',
        tags,
        summary: 'The matching audit entries as CSV (at most 50,000, newest first)',
        description,
        querystring: AuditFilters,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv, one row per entry'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const csv = await exportAudit(ctx, request.user, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit.csv"')
        .send(csv);
    },
  );
}
