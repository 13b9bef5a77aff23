import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { activateAccount, inspectInvitation } from '../users/onboarding.ts';
import { requestPasswordReset, resetPassword, sendUsernameReminder } from '../users/recovery.ts';
import { limitPerIp, type LimitedRoute } from './rate-limit.ts';

const Token = z.string().min(20).max(200).describe('the token of the link (after ?token=)');
const Code = z.string().regex(/^\d{6}$/, 'the code is 6 digits');
const Password = z.string().min(1).max(1024);

/**
 * Public account routes: activating an invitation, forgotten password and forgotten username. Rate-limited like
 * login; the recovery answers are the same whether or not an account matches.
 */
export async function accountRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  // Counted per IP address in PostgreSQL like logins, whatever account is named: the limit holds across copies.
  const limit = (route: LimitedRoute) => ({
    preHandler: async (request: { ip: string }) => limitPerIp(ctx, route, request.ip),
  });
  const tags = ['auth'];

  app.post(
    '/api/auth/invitation',
    {
      ...limit('invitation'),
      schema: {
        operationId: 'inspectInvitation',
        tags,
        summary: 'Who an invitation link is for (to greet them on the activation page)',
        security: [],
        body: z.object({ token: Token }),
        response: {
          200: z.object({
            username: z.string(),
            firstname: z.string(),
            surname: z.string(),
            language: z.string(),
            expiresAt: z.string(),
          }),
          ...problems(400, 404, 409, 410, 429),
        },
      },
    },
    async (request) => inspectInvitation(ctx, request.body.token),
  );

  app.post(
    '/api/auth/activate',
    {
      ...limit('activate'),
      schema: {
        operationId: 'activateAccount',
        tags,
        summary: "Activate an invited account with the link's token, the code and a new password",
        description: 'Then log in as usual (/api/auth/login): the code sent then confirms the phone or email.',
        security: [],
        body: z.object({ token: Token, code: Code, password: Password }),
        response: { 200: z.object({ username: z.string() }), ...problems(400, 404, 409, 410, 429) },
      },
    },
    async (request) => activateAccount(ctx, { ...request.body, ip: request.ip }),
  );

  app.post(
    '/api/auth/forgot-password',
    {
      ...limit('forgot-password'),
      schema: {
        operationId: 'forgotPassword',
        tags,
        summary: 'Send a code to choose a new password; the same answer whether or not the account exists',
        security: [],
        body: z.object({
          identifier: z.string().trim().min(1).max(254).describe('a username, an email address or a phone number'),
        }),
        response: {
          202: z.object({
            nonce: z.string().describe('send it back with the code to /api/auth/reset-password'),
            expiresIn: z.number().int().describe('seconds the code stays valid'),
          }),
          ...problems(400, 429),
        },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await requestPasswordReset(ctx, { identifier: request.body.identifier, ip: request.ip })),
  );

  app.post(
    '/api/auth/reset-password',
    {
      ...limit('reset-password'),
      schema: {
        operationId: 'resetPassword',
        tags,
        summary: 'Choose a new password with the code (and the nonce, or the token of the link); ends every session',
        security: [],
        body: z
          .object({
            nonce: z.uuid().optional(),
            token: Token.optional(),
            code: Code,
            newPassword: Password,
          })
          .refine((b) => !!b.nonce !== !!b.token, { message: 'send either the nonce or the token', path: ['nonce'] }),
        response: { 204: z.null().describe('password changed'), ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, { ...request.body, ip: request.ip });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/forgot-username',
    {
      ...limit('forgot-username'),
      schema: {
        operationId: 'forgotUsername',
        tags,
        summary: 'Send the username(s) of the accounts with this email or phone there; the same answer either way',
        security: [],
        body: z.object({ contact: z.string().trim().min(3).max(254).describe('an email address or a phone number') }),
        response: { 202: z.object({}).describe('sent if an account matches'), ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await sendUsernameReminder(ctx, { contact: request.body.contact, ip: request.ip });
      return reply.code(202).send({});
    },
  );
}
