import { ClientFieldsBody, ClientView, ClientWithSecret, CreateClientBody } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { createClient, disableSystemClient, listClientViews, rotateClientSecret, setClientFields } from './service.ts';

const tags = ['integrations'];
const ClientId = z.object({ id: z.uuid() });

/** Integration clients, managed by the national system administrator (integration.create everywhere). */
export function integrationRoutes(app: ApiApp, ctx: AppContext) {
  app.post(
    '/api/integrations',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'createIntegrationClient',
        tags,
        summary: 'Create an integration client; its secret is in this answer only',
        body: CreateClientBody,
        response: { 201: ClientWithSecret, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createClient(ctx, request.user, request.body)),
  );

  app.get(
    '/api/integrations',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'listIntegrationClients',
        tags,
        summary: 'Every integration client, newest first (never their secrets)',
        response: { 200: z.object({ results: z.array(ClientView) }), ...problems(401, 403) },
      },
    },
    async (request) => ({ results: await listClientViews(ctx, request.user) }),
  );

  app.delete(
    '/api/integrations/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'disableIntegrationClient',
        tags,
        summary: 'Disable a client: its tokens stop working at once (kept for the history it appears in)',
        params: ClientId,
        response: { 200: ClientView, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => disableSystemClient(ctx, request.user, request.params.id),
  );

  app.post(
    '/api/integrations/:id/secret',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'rotateIntegrationClientSecret',
        tags,
        summary: 'A new secret for a client; the old one and its tokens stop working at once',
        params: ClientId,
        response: { 200: ClientWithSecret, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => rotateClientSecret(ctx, request.user, request.params.id),
  );

  app.put(
    '/api/integrations/:id/fields',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'setIntegrationClientFields',
        tags,
        summary: 'Set the declaration fields a client may see (a RECORD_SEARCH client); null: every field',
        description:
          'Search results, GET /api/events/{id} and FHIR documents answer this client with only these fields of ' +
          'each declaration; its searches may not filter on other fields; other reads of whole records (certificates, ' +
          'files, credentials) are refused to it.',
        params: ClientId,
        body: ClientFieldsBody,
        response: { 200: ClientView, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => setClientFields(ctx, request.user, request.params.id, request.body.fields),
  );
}
