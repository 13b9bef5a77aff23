import { randomUUID } from 'node:crypto';
import { SearchQuery } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { requireSearchScope } from '../search/access.ts';

const SavedSearch = z.object({ id: z.string(), name: z.string(), query: z.unknown(), createdAt: z.string() });
const MAX_PER_USER = 50;

/** Each user's named searches. The query is validated like any search, and runs with the user's own access. */
export function savedSearchRoutes(app: ApiApp, ctx: AppContext) {
  const auth = { onRequest: [app.authenticate] };
  const tags = ['search'];
  const toApi = (r: { id: string; name: string; query: unknown; created_at: Date | string }) => ({
    id: r.id,
    name: r.name,
    query: r.query,
    createdAt: new Date(r.created_at).toISOString(),
  });

  app.get(
    '/api/saved-searches',
    {
      ...auth,
      schema: {
        operationId: 'listSavedSearches',
        tags,
        summary: 'My saved searches',
        response: { 200: z.array(SavedSearch) },
      },
    },
    async (request) => {
      const rows = await ctx.db
        .selectFrom('saved_searches')
        .selectAll()
        .where('user_id', '=', request.user.id)
        .orderBy('name')
        .execute();
      return rows.map(toApi);
    },
  );

  app.post(
    '/api/saved-searches',
    {
      ...auth,
      schema: {
        operationId: 'createSavedSearch',
        tags,
        summary: 'Save a search under a name',
        body: z.strictObject({ name: z.string().trim().min(1).max(100), query: SearchQuery }),
        response: { 201: SavedSearch },
      },
    },
    async (request, reply) => {
      requireSearchScope(request.user);
      const count = await ctx.db
        .selectFrom('saved_searches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', request.user.id)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_PER_USER) throw conflict(`you already have ${MAX_PER_USER} saved searches`);
      const row = {
        id: randomUUID(),
        user_id: request.user.id,
        name: request.body.name,
        query: JSON.stringify(request.body.query),
        created_at: new Date(),
      };
      const inserted = await ctx.db
        .insertInto('saved_searches')
        .values(row)
        .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) throw conflict(`you already have a saved search called "${request.body.name}"`);
      return reply.code(201).send(toApi(inserted));
    },
  );

  app.delete(
    '/api/saved-searches/:id',
    {
      ...auth,
      schema: {
        operationId: 'deleteSavedSearch',
        tags,
        summary: 'Delete one of my saved searches',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null().describe('deleted') },
      },
    },
    async (request, reply) => {
      const result = await ctx.db
        .deleteFrom('saved_searches')
        .where('id', '=', request.params.id)
        .where('user_id', '=', request.user.id)
        .executeTakeFirst();
      if (!Number(result.numDeletedRows)) throw notFound('no such saved search of yours');
      return reply.code(204).send(null);
    },
  );
}
