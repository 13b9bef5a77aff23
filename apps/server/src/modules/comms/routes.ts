import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import type { AuthUser } from '../auth/types.ts';
import { requireConfigAdmin } from '../settings/service.ts';
import { emailStaff } from './service.ts';

export function commsRoutes(app: ApiApp, ctx: AppContext) {
  app.post(
    '/api/comms/email-staff',
    {
      onRequest: [app.authenticate],
      preValidation: async (request: { user: AuthUser }) => requireConfigAdmin(request.user, 'emails to staff'),
      schema: {
        operationId: 'emailStaff',
        tags: ['users'],
        summary: 'Email all active staff, or the staff of one office (national system administrator)',
        body: z.object({
          officeId: z.string().min(1).max(64).optional().describe('only the staff of this office'),
          subject: z.string().trim().min(1).max(200),
          text: z.string().trim().min(1).max(20_000),
        }),
        response: {
          200: z.object({
            queued: z.number().int().describe('emails queued (one per person with an address)'),
            withoutEmail: z.number().int().describe('staff without an email address, not reached'),
          }),
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (request) => emailStaff(ctx, request.user, request.body),
  );
}
