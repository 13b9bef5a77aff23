import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';

/** The country config a signed-in client needs: forms, roles and settings (validated at start). */
export function configRoutes(app: ApiApp, ctx: AppContext) {
  const { config } = ctx.country;
  app.get(
    '/api/config',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['config'],
        summary: 'Event forms, roles and application settings for the signed-in user',
        response: {
          200: z.object({
            settings: z.record(z.string(), z.unknown()),
            events: z.array(z.record(z.string(), z.unknown())),
            roles: z.array(z.record(z.string(), z.unknown())),
            role: z.string(),
            training: z.boolean().describe('practice mode (`lifeline start --training`): show a banner'),
            statistics: z
              .record(z.string(), z.object({ sexField: z.string(), placeOfOccurrenceField: z.string() }))
              .describe('the fields the statistics group by sex and place of occurrence, by event type'),
          }),
        },
      },
    },
    async (request) => ({
      settings: config.settings,
      events: config.events,
      roles: config.roles,
      role: request.user.role,
      training: ctx.env.training,
      statistics: Object.fromEntries(
        Object.entries(config.vitalStatistics?.events ?? {}).map(([id, s]) => [
          id,
          { sexField: s.sexField, placeOfOccurrenceField: s.placeOfOccurrence.field },
        ]),
      ),
    }),
  );
}
