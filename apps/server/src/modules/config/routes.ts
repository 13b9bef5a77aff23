import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { configForRole, etagOf, matchesEtag } from './for-role.ts';

/** The country config a signed-in client needs: forms, role labels and settings (validated at start). */
export function configRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/config',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'getConfig',
        tags: ['config'],
        summary: 'Event forms, role labels and application settings for the signed-in user',
        description:
          'Only the forms of the event types the role works on. Carries an ETag: send it back in If-None-Match ' +
          'to get 304 without a body when nothing changed.',
        response: {
          200: z.object({
            settings: z.record(z.string(), z.unknown()),
            events: z.array(z.record(z.string(), z.unknown())),
            roles: z.array(z.record(z.string(), z.unknown())),
            importable: z
              .array(z.object({ id: z.string(), label: z.record(z.string(), z.string()) }))
              .describe('the event types the user may import legacy registers of (record.import), by name'),
            role: z.string(),
            training: z.boolean().describe('practice mode (`lifeline start --training`): show a banner'),
            identityProvider: z
              .boolean()
              .describe('a national ID provider (OpenID Connect) is configured: identity checks can be started'),
            statistics: z
              .record(z.string(), z.object({ sexField: z.string(), placeOfOccurrenceField: z.string() }))
              .describe('the fields the statistics group by sex and place of occurrence, by event type'),
          }),
          304: z.null().describe('unchanged since the ETag sent in If-None-Match'),
        },
      },
    },
    async (request, reply) => {
      const body = configForRole(ctx.country.config, request.user, {
        training: ctx.env.training,
        identityProvider: !!ctx.env.oidc,
      });
      const etag = etagOf(body);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return body;
    },
  );
}
