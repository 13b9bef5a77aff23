import { HELP_PAGES } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { helpIndex, helpPage, languageFor } from './service.ts';

const Lang = z.object({
  lang: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional()
    .describe("language (default: the country's)"),
});

/** Help panels, "what's new" and the support contact, from the country package. Public: the login page has help. */
export function helpRoutes(app: ApiApp, ctx: AppContext) {
  const tags = ['help'];
  app.get(
    '/api/help',
    {
      schema: {
        operationId: 'getHelpIndex',
        tags,
        summary: "The registry's support contact, the pages that have help, and whether this is practice mode",
        security: [],
        querystring: Lang,
        response: {
          200: z.object({
            language: z.string(),
            support: z.object({
              name: z.string(),
              email: z.string().nullable(),
              phone: z.string().nullable(),
              hours: z.string().nullable(),
            }),
            pages: z.array(z.string()),
            training: z.boolean().describe('practice mode: nothing here is the real register'),
          }),
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return helpIndex(ctx, languageFor(ctx, request.query.lang));
    },
  );

  app.get(
    '/api/help/:page',
    {
      schema: {
        operationId: 'getHelpPage',
        tags,
        summary: 'The help of one page of the web app, or "whats-new", as HTML rendered from the country\'s markdown',
        security: [],
        params: z.object({ page: z.enum([...HELP_PAGES, 'whats-new']) }),
        querystring: Lang,
        response: {
          200: z.object({ page: z.string(), language: z.string(), html: z.string() }),
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return helpPage(ctx, request.params.page, languageFor(ctx, request.query.lang));
    },
  );
}
