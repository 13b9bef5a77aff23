import { CreateWebhookBody, WebhookView, WebhookWithSecret } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { createWebhook, deleteWebhook, listWebhooks } from './service.ts';

const tags = ['webhooks'];

/** Webhook subscriptions of WEBHOOK clients (their own) and of the national administrator (all). */
export function webhookRoutes(app: ApiApp, ctx: AppContext) {
  app.post(
    '/api/webhooks',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Subscribe a URL to record events (Standard Webhooks); the signing secret is answered once',
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecret, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(ctx, request.user, request.body)),
  );

  app.get(
    '/api/webhooks',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: 'Live subscriptions: a client its own, the national administrator every one',
        response: { 200: z.object({ results: z.array(WebhookView) }), ...problems(401, 403) },
      },
    },
    async (request) => ({ results: await listWebhooks(ctx, request.user) }),
  );

  app.delete(
    '/api/webhooks/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'End a subscription (deliveries still queued for it are parked)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null().describe('deleted'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteWebhook(ctx, request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
