import { SearchRequest } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { plainJson } from '../../lib/fast-json.ts';
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
  score: z.number(),
});

export function searchRoutes(app: ApiApp, ctx: AppContext) {
  app.post(
    '/api/events/search',
    {
      onRequest: [app.authenticate],
      ...plainJson,
      schema: {
        operationId: 'searchEvents',
        tags: ['search'],
        summary: 'Search records with an and/or query of exact, fuzzy, range, within and anyOf clauses',
        description:
          'Example: {"query":{"type":"and","clauses":[{"eventType":"birth","status":{"type":"anyOf","terms":' +
          '["DECLARED","REGISTERED"]},"data":{"child.name":{"type":"fuzzy","term":"Jane Banda"}}}]},"limit":10}. ' +
          'Or {"query":{"type":"quick","term":"B7K3MX9Q"}} for what a person types in a search box.',
        body: SearchRequest,
        response: { 200: z.object({ results: z.array(EventSummary), total: z.number().int() }) },
      },
    },
    async (request) => searchEvents(ctx, request.user, request.body),
  );
}
