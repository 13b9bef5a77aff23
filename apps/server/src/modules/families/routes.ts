import { FamilyMessageId } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { problems } from '../../lib/problem-schema.ts';
import { accessFactsOf, requireRead } from '../access/index.ts';
import { familyMessagesOf } from './repository.ts';

const SentMessage = z.object({
  message: FamilyMessageId,
  channel: z.string().describe('sms, email (or log in a demo)'),
  status: z.enum(['queued', 'sent', 'retrying', 'failed']),
  attempts: z.number().int(),
  error: z.string().nullable().describe('why the last attempt failed'),
  queuedAt: z.string(),
  updatedAt: z.string(),
});

/** What the family was told about a record: never the address nor the text, only which message and whether it went. */
export function familyMessageRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/events/:id/messages',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'listFamilyMessages',
        tags: ['events'],
        summary: "Messages sent to the record's informant (SMS, email) and whether each went",
        params: z.object({ id: z.uuid() }),
        response: { 200: z.array(SentMessage), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const facts = (await accessFactsOf(ctx.db, [request.params.id])).get(request.params.id);
      if (!facts) throw notFound(`no record ${request.params.id}`);
      requireRead(ctx.country, request.user, facts);
      return familyMessagesOf(ctx.db, request.params.id);
    },
  );
}
