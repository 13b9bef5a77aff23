import { LegalStatusesSchema, SearchRequest } from '@lifeline/domain';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { plainJson } from '../../lib/fast-json.ts';
import { problems } from '../../lib/problem-schema.ts';
import { searchEvents } from './service.ts';

export const EventSummary = z.object({
  id: z.string(),
  type: z.string(),
  trackingId: z.string(),
  status: z.string(),
  flags: z.array(z.string()),
  title: z.string(),
  dateOfEvent: z.string().nullable(),
  placeOfEvent: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  assignedTo: z.string().nullable(),
  createdBy: z.string(),
  createdAtLocation: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  declaration: z.record(z.string(), z.unknown()),
  createdByUserType: z.enum(['user', 'system']),
  updatedBy: z.string(),
  updatedByUserRole: z.string().nullable(),
  updatedAtLocation: z.string().nullable(),
  legalStatuses: LegalStatusesSchema,
  score: z.number(),
});

/**
 * The reference 2.0 sends `query` and `sort` as JSON text in some clients (its REST layer parses them): parsed here,
 * before validation, so a mistake inside is still named by its path.
 */
async function parseJsonText(request: FastifyRequest) {
  const body = request.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object') return;
  for (const key of ['query', 'sort']) {
    const value = body[key];
    if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) continue;
    try {
      body[key] = JSON.parse(value);
    } catch {
      throw badRequest(`${key} is text but not JSON`, [{ field: key, message: 'not valid JSON' }]);
    }
  }
}

const description =
  'Example: {"query":{"type":"and","clauses":[{"eventType":"birth","status":{"type":"anyOf","terms":' +
  '["DECLARED","REGISTERED"]},"data":{"child.name":{"type":"fuzzy","term":"Jane Banda"}}}]},"limit":10}. ' +
  'Or {"query":{"type":"quick","term":"B7K3MX9Q"}} for what a person types in a search box. The reference 2.0 ' +
  'grammar is accepted unchanged: legalStatuses.DECLARED.* / legalStatuses.REGISTERED.* keys, flags ' +
  '{anyOf, noneOf, allOf}, timePeriod dates, createdByUserType, updatedAtLocation, id as a string, query and sort ' +
  'as JSON text, sort [{field, direction}]. See docs/search.md.';

const response = {
  200: z.object({ results: z.array(EventSummary), total: z.number().int() }),
  ...problems(400, 401, 403),
};

export function searchRoutes(app: ApiApp, ctx: AppContext) {
  app.post(
    '/api/events/search',
    {
      onRequest: [app.authenticate],
      preValidation: parseJsonText,
      ...plainJson,
      schema: {
        operationId: 'searchEvents',
        tags: ['search'],
        summary: 'Search records with an and/or query of exact, fuzzy, range, within and anyOf clauses',
        description,
        body: SearchRequest,
        response,
      },
    },
    async (request) => searchEvents(ctx, request.user, request.body),
  );

  // The reference 2.0's own path (its gateway's /api/events + the events service's /events/search), so integrations
  // written for it run unchanged; its default page is 100 records.
  app.post(
    '/api/events/events/search',
    {
      onRequest: [app.authenticate],
      preValidation: async (request) => {
        await parseJsonText(request);
        const body = request.body as Record<string, unknown> | null;
        if (body && typeof body === 'object' && body.limit === undefined) body.limit = 100;
      },
      ...plainJson,
      schema: {
        operationId: 'searchEventsReference',
        tags: ['search'],
        summary: 'The same search at the reference 2.0 path (default limit 100, as there)',
        description,
        body: SearchRequest,
        response,
      },
    },
    async (request) => searchEvents(ctx, request.user, request.body),
  );
}
