import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { plainJson } from '../../lib/fast-json.ts';
import { notFound } from '../../lib/errors.ts';
import { actionRouteDescription } from './action-docs.ts';
import { CORRECTION_REQUESTS, correctionPayment } from './corrections.ts';
import { deleteDraft, getDraft, putDraft } from './drafts.ts';
import {
  ActionBody,
  ActionParams,
  ActionQuery,
  ActionReply,
  CreateEventBody,
  Draft,
  DraftBody,
  EventDocument,
  EventParams,
} from './schemas.ts';
import { createEvent, deleteEvent, getEvent, performActionReply } from './service.ts';

export function eventRoutes(app: ApiApp, ctx: AppContext) {
  const auth = { onRequest: [app.authenticate], ...plainJson };
  const tags = ['records'];

  app.post(
    '/api/events',
    {
      ...auth,
      schema: {
        operationId: 'createEvent',
        tags,
        summary: 'Create a record (birth, death...)',
        body: CreateEventBody,
        response: { 201: EventDocument },
      },
    },
    async (request, reply) => reply.code(201).send(await createEvent(ctx, request.user, request.body)),
  );

  app.get(
    '/api/events/:id',
    {
      ...auth,
      schema: {
        operationId: 'getEvent',
        tags,
        summary: 'A record with its full history',
        params: EventParams,
        response: { 200: EventDocument },
      },
    },
    async (request) => getEvent(ctx, request.user, request.params.id),
  );

  app.delete(
    '/api/events/:id',
    {
      ...auth,
      schema: {
        operationId: 'deleteEvent',
        tags,
        summary: 'Delete a record that was never submitted',
        params: EventParams,
        response: { 204: z.null().describe('deleted') },
      },
    },
    async (request, reply) => {
      await deleteEvent(ctx, request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/events/:id/actions/:type',
    {
      ...auth,
      schema: {
        operationId: 'performAction',
        tags,
        summary: 'Act on a record: declare, register, correct, revoke... (every action type below)',
        description: actionRouteDescription(),
        params: ActionParams,
        querystring: ActionQuery,
        body: ActionBody,
        response: { 200: ActionReply },
      },
    },
    async (request) => {
      const { id, type } = request.params;
      // A correction request's fee is taken with it, in the same transaction.
      const extension = CORRECTION_REQUESTS.has(type) ? correctionPayment(ctx, request.user, type) : undefined;
      const withHistory = request.query.include === 'actions';
      return performActionReply(ctx, request.user, id, type, request.body, extension, withHistory);
    },
  );

  app.get(
    '/api/events/:id/draft',
    {
      ...auth,
      schema: {
        operationId: 'getDraft',
        tags,
        summary: "The caller's draft of changes to a record",
        params: EventParams,
        response: { 200: Draft },
      },
    },
    async (request) => {
      const draft = await getDraft(ctx, request.user, request.params.id);
      if (!draft) throw notFound('no draft');
      return draft;
    },
  );

  app.put(
    '/api/events/:id/draft',
    {
      ...auth,
      schema: {
        operationId: 'saveDraft',
        tags,
        summary: 'Save a draft (per user, per record)',
        params: EventParams,
        body: DraftBody,
        response: { 200: Draft },
      },
    },
    async (request) => putDraft(ctx, request.user, request.params.id, request.body),
  );

  app.delete(
    '/api/events/:id/draft',
    {
      ...auth,
      schema: {
        operationId: 'deleteDraft',
        tags,
        summary: 'Discard a draft',
        params: EventParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteDraft(ctx, request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
