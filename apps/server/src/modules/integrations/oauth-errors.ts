import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../../lib/errors.ts';

/** The error codes of RFC 6749 §5.2 the token endpoint answers (plus 429's). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable'
  | 'server_error';

export const OAuthErrorBody = z
  .object({
    error: z.enum([
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
      'temporarily_unavailable',
      'server_error',
    ]),
    error_description: z.string().optional(),
  })
  .describe('RFC 6749 §5.2 error response');

/** A token endpoint error, answered in the shape of RFC 6749 §5.2 (not problem+json: OAuth clients parse this). */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    readonly status = code === 'invalid_client' ? 401 : 400,
  ) {
    super(description);
  }
}

function send(reply: FastifyReply, status: number, code: OAuthErrorCode, description: string) {
  // §5.2: a failed client authentication is 401 with the scheme the client may use (HTTP Basic, §2.3.1).
  if (status === 401) reply.header('www-authenticate', 'Basic realm="lifeline", charset="UTF-8"');
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json')
    .send({ error: code, error_description: description });
}

/**
 * The token endpoint's error handler: its own errors as they are; anything else a client sent wrong (a body that
 * does not parse, a media type, a size, a rate limit) as invalid_request with its status. Descriptions never
 * repeat what was sent, so a secret is never echoed.
 */
export function oauthErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof OAuthError) return send(reply, error.status, error.code, error.message);
  if (error instanceof HttpError && error.status === 429) {
    if (error.headers) reply.headers(error.headers);
    return send(reply, 429, 'temporarily_unavailable', error.message);
  }
  const status = error instanceof HttpError ? error.status : (error.statusCode ?? 500);
  if (status >= 500) {
    request.log.error({ err: error }, 'token endpoint failed');
    return send(reply, 500, 'server_error', 'the token could not be issued; try again later');
  }
  return send(reply, status, 'invalid_request', 'the request is not a valid token request (RFC 6749 §4.4.2)');
}
