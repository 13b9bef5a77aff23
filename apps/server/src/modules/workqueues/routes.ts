import { SearchSort, Text, type WorkqueueConfig } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { EventSummary } from '../search/routes.ts';
import { searchEvents } from '../search/service.ts';

function queuesFor(ctx: AppContext, user: AuthUser): WorkqueueConfig[] {
  return ctx.country.config.workqueues.filter((w) => w.roles.includes(user.role));
}

/**
 * Workqueues are saved searches from the country config, run on the search engine per user. They need no search
 * scope (a community leader has queues but no search box): rows are limited by the same access rule.
 */
export function workqueueRoutes(app: ApiApp, ctx: AppContext) {
  const auth = { onRequest: [app.authenticate] };
  app.get(
    '/api/workqueues',
    {
      ...auth,
      schema: {
        operationId: 'listWorkqueues',
        tags: ['workqueues'],
        summary: "The caller's workqueues with their counts",
        response: { 200: z.array(z.object({ slug: z.string(), name: Text, count: z.number().int() })) },
      },
    },
    async (request) =>
      Promise.all(
        queuesFor(ctx, request.user).map(async (w) => ({
          slug: w.slug,
          name: w.name,
          count: (
            await searchEvents(
              ctx,
              request.user,
              { query: w.query, limit: 1, offset: 0 },
              { countOnly: true, source: { kind: 'workqueue', slug: w.slug } },
            )
          ).total,
        })),
      ),
  );

  app.get(
    '/api/workqueues/:slug',
    {
      ...auth,
      schema: {
        operationId: 'getWorkqueue',
        tags: ['workqueues'],
        summary: 'One page of a workqueue',
        params: z.object({ slug: z.string().min(1).max(64) }),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(20),
          offset: z.coerce.number().int().min(0).default(0),
          sort: SearchSort.optional(),
        }),
        response: { 200: z.object({ results: z.array(EventSummary), total: z.number().int() }) },
      },
    },
    async (request) => {
      const queue = queuesFor(ctx, request.user).find((w) => w.slug === request.params.slug);
      if (!queue) throw notFound(`no workqueue "${request.params.slug}" for your role`);
      const { limit, offset, sort } = request.query;
      return searchEvents(
        ctx,
        request.user,
        { query: queue.query, limit, offset, sort: sort ?? queue.sort },
        { source: { kind: 'workqueue', slug: queue.slug } },
      );
    },
  );
}
