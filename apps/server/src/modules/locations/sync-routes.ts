import { Location } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { databaseNow, locationChanges } from './sync-repository.ts';

/**
 * A change is stamped with the start of its transaction but seen only at its commit: a device asks again for a
 * margin before its last sync, so a change committed late by a long transaction (a big import) is not missed.
 */
export const SYNC_OVERLAP_MS = 10 * 60_000;

const SyncQuery = z.object({
  updatedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('the `syncedAt` of the previous sync; absent: every location'),
  after: z.string().min(1).max(64).optional().describe('the `next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(10_000).default(5000),
});

const SyncPage = z.object({
  results: z.array(Location).describe('locations added or changed, ordered by id'),
  removed: z.array(z.string()).describe('ids of locations removed since `updatedSince` (on the first page)'),
  next: z.string().nullable().describe('pass as `after` (with the same `updatedSince`) for the next page; null: done'),
  syncedAt: z.string().describe('send as `updatedSince` next time'),
});

/**
 * Devices keep every area, office and facility of the country so pickers work offline; this keeps the copy up to
 * date by sending only what changed. Public, like the rest of the locations API.
 */
export function locationSyncRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/locations/sync',
    {
      schema: {
        operationId: 'syncLocations',
        tags: ['locations'],
        summary: 'Every location, or those changed since `updatedSince`, for a copy kept on the device',
        description:
          "Page with `after` until `next` is null, then keep the first page's `syncedAt` for the next sync. " +
          'Applying a page twice is harmless.',
        security: [],
        querystring: SyncQuery,
        response: { 200: SyncPage },
      },
    },
    async (request, reply) => {
      const { updatedSince, after, limit } = request.query;
      const syncedAt = await databaseNow(ctx.db);
      const since = updatedSince ? new Date(new Date(updatedSince).getTime() - SYNC_OVERLAP_MS) : undefined;
      const page = await locationChanges(ctx.db, { since, after, limit });
      const last = page.results.at(-1);
      reply.header('cache-control', 'no-cache');
      return {
        ...page,
        next: page.results.length === limit && last ? last.id : null,
        syncedAt: syncedAt.toISOString(),
      };
    },
  );
}
