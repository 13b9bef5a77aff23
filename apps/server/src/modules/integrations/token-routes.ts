import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import type { SigningKeys } from '../auth/keys.ts';
import { OAuthErrorBody, oauthErrorHandler } from './oauth-errors.ts';
import { issueClientToken, type TokenParams } from './token.ts';

const FORM = 'application/x-www-form-urlencoded';
const TOKEN_BODY_LIMIT = 8 * 1024;

/** A form body as parameters; a name sent twice becomes an array (refused as invalid_request, RFC 6749 §3.2). */
function parseForm(text: string): TokenParams {
  const params: TokenParams = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const before = params[name];
    params[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return params;
}

const TokenRequest = z
  .looseObject({
    grant_type: z.string().describe('client_credentials'),
    scope: z.string().optional().describe('space-separated: scope strings or names the client holds; default all'),
    client_id: z.string().optional().describe('when not sent as HTTP Basic'),
    client_secret: z.string().optional().describe('when not sent as HTTP Basic'),
  })
  .describe('RFC 6749 §4.4.2 access token request');

const TokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});

/**
 * POST /api/auth/token: OAuth2 client credentials for integration clients (RFC 6749 §4.4), form-encoded as the
 * RFC says or JSON. Answers and errors in the RFC's own shapes (§5.1, §5.2), not problem+json.
 */
export async function tokenRoutes(app: ApiApp, ctx: AppContext, keys: SigningKeys) {
  await app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: TOKEN_BODY_LIMIT }, (_request, body, done) =>
      done(null, parseForm(body as string)),
    );
    scope.setErrorHandler(oauthErrorHandler);
    scope.post(
      '/api/auth/token',
      {
        bodyLimit: TOKEN_BODY_LIMIT,
        // The body is checked by the grant itself, so that every mistake is answered as RFC 6749 says.
        attachValidation: true,
        schema: {
          operationId: 'requestClientToken',
          tags: ['auth'],
          summary: 'OAuth2 client credentials grant: an access token for an integration client',
          security: [],
          consumes: [FORM, 'application/json'],
          body: TokenRequest,
          response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody, 429: OAuthErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown;
        const params = body && typeof body === 'object' && !Array.isArray(body) ? (body as TokenParams) : {};
        const token = await issueClientToken(ctx, keys, {
          authorization: request.headers.authorization,
          params,
          ip: request.ip,
        });
        return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(token);
      },
    );
  });
}
