import { grantedJurisdiction } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { problems } from '../../lib/problem-schema.ts';
import type { AuthUser } from '../auth/types.ts';
import { listOutbox, retryJob } from './service.ts';

const Job = z.object({
  id: z.number().int(),
  kind: z.string().describe('e.g. notification'),
  status: z.enum(['pending', 'sent', 'failed']),
  payload: z.record(z.string(), z.unknown()).describe('what the job does (one-time codes are never shown)'),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
});

/** Background jobs are the system operator's concern: the national administrator who may change the config. */
function requireOperator(user: AuthUser) {
  if (grantedJurisdiction(user.scopes, 'config.update-all') !== 'all') {
    throw forbidden('only a national system administrator (config.update-all) sees background jobs');
  }
}

export function outboxRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/outbox',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'listOutboxJobs',
        tags: ['outbox'],
        summary: 'Background jobs (messages to send...), newest first; status=failed lists the parked ones',
        querystring: z.object({
          status: z.enum(['pending', 'sent', 'failed']).optional(),
          kind: z.string().min(1).max(64).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ results: z.array(Job), total: z.number().int() }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      requireOperator(request.user);
      return listOutbox(ctx, request.query);
    },
  );

  app.post(
    '/api/outbox/:id/retry',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'retryOutboxJob',
        tags: ['outbox'],
        summary: 'Put a failed job back in the queue with a fresh set of attempts',
        params: z.object({ id: z.coerce.number().int().min(1) }),
        response: { 200: Job, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      requireOperator(request.user);
      return retryJob(ctx, request.user, request.params.id);
    },
  );
}
