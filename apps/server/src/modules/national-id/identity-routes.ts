import { IdentityCheckView, IdentityPerson } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { EventParams } from '../events/index.ts';
import { problems } from '../../lib/problem-schema.ts';
import { completeIdentityCheck, listIdentityChecks, startIdentityCheck } from './identity-checks.ts';

/**
 * Identity checks while declaring: a person of the record signs in at the country's OpenID Connect provider
 * (e-Signet style, authorization code + PKCE) and the claims it vouches for fill and lock their fields.
 */
export function identityCheckRoutes(app: ApiApp, ctx: AppContext) {
  const auth = { onRequest: [app.authenticate] };
  const tags = ['national ID'];
  app.post(
    '/api/events/:id/identity-checks',
    {
      ...auth,
      schema: {
        operationId: 'startIdentityCheck',
        tags,
        summary: "Start checking a person's identity with the national ID provider (OpenID Connect)",
        description:
          'Answers the authorization URL to send the person to (authorization code flow with PKCE); the state, ' +
          'nonce and PKCE verifier stay on the server. The provider sends the browser back to OIDC_REDIRECT_URI, ' +
          'whose page posts the code and state to /api/identity-checks/complete. 409 when no provider is configured.',
        params: EventParams,
        body: z.strictObject({
          person: IdentityPerson.describe('the section of the form: mother, father, informant...'),
        }),
        response: {
          201: z.object({ id: z.string(), authorizationUrl: z.string(), expiresAt: z.string() }),
          ...problems(409, 502),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await startIdentityCheck(ctx, request.user, request.params.id, request.body.person)),
  );
  app.get(
    '/api/events/:id/identity-checks',
    {
      ...auth,
      schema: {
        operationId: 'listIdentityChecks',
        tags,
        summary: 'The verified identity checks of a record (the latest per person)',
        params: EventParams,
        response: { 200: z.object({ results: z.array(IdentityCheckView) }) },
      },
    },
    async (request) => ({ results: await listIdentityChecks(ctx, request.user, request.params.id) }),
  );
  app.post(
    '/api/identity-checks/complete',
    {
      ...auth,
      schema: {
        operationId: 'completeIdentityCheck',
        tags,
        summary: "Complete an identity check with the provider's callback (code and state)",
        description:
          'Exchanges the code (with the PKCE verifier), checks the ID token and reads the claims (name, birthdate, ' +
          'gender, national ID). Answers the verified claims and the declaration fields they fill; those fields are ' +
          'then locked on the record. A state that is unknown, used, expired or not started by the caller is a 400.',
        body: z.strictObject({
          state: z.string().min(1).max(500),
          code: z.string().min(1).max(2000),
          iss: z.string().max(500).optional().describe('the issuer the provider named in its callback (RFC 9207)'),
        }),
        response: {
          200: IdentityCheckView,
          ...problems(409, 502),
        },
      },
    },
    async (request) => completeIdentityCheck(ctx, request.user, request.body),
  );
}
