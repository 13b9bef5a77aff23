import { Location, LocationType } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { findLocation, searchLocations } from './service.ts';

const LocationQuery = z.object({
  type: LocationType.optional(),
  parentId: z.string().min(1).max(64).optional().describe('direct children of this location'),
  within: z.string().min(1).max(64).optional().describe('this location and everything under it'),
  level: z.coerce.number().int().min(1).max(9).optional().describe('administrative level (1 = provinces...)'),
  q: z.string().min(1).max(100).optional().describe('name search: words matched at the start of words, any case'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * Locations are public: offices and facilities are not personal data, and integrators asked for an open list.
 * Pickers search as you type here instead of loading every location.
 */
export function locationRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/locations',
    {
      schema: {
        operationId: 'listLocations',
        tags: ['locations'],
        summary: 'Search and page administrative areas, offices and health facilities',
        security: [],
        querystring: LocationQuery,
        response: { 200: z.object({ results: z.array(Location), total: z.number().int() }) },
      },
    },
    async (request) => searchLocations(ctx.db, request.query),
  );

  app.get(
    '/api/locations/:id',
    {
      schema: {
        operationId: 'getLocation',
        tags: ['locations'],
        summary: 'One location',
        security: [],
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: Location },
      },
    },
    async (request) => {
      const location = await findLocation(ctx.db, request.params.id);
      if (!location) throw notFound(`no location "${request.params.id}"`);
      return location;
    },
  );
}
