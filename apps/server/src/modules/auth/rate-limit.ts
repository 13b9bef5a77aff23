import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tooManyRequests } from '../../lib/errors.ts';

/**
 * @fastify/rate-limit for the auth routes only (global: false): a route opts in with `config.rateLimit`.
 * Over the limit the error is an HttpError, so it leaves as 429 problem+json with Retry-After.
 */
export async function installAuthRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      tooManyRequests(
        `too many attempts: at most ${context.max} per minute; try again in ${context.after}`,
        Math.ceil(context.ttl / 1000),
      ),
  });
}

/** Per-route options: `max` requests per minute per IP (and per username, when the login route passes one). */
export function perMinute(max: number, key?: (request: FastifyRequest) => string) {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      // After parsing, so the login key can include the username from the body.
      hook: 'preValidation' as const,
      ...(key ? { keyGenerator: key } : {}),
    },
  };
}

/** Login attempts are counted per IP and username: an office behind one address does not share one budget. */
export function ipAndUsername(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | undefined;
  const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
  return `${request.ip}|${username}`;
}
