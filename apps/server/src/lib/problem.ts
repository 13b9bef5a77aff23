import { jsonProblem } from '@lifeline/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { badRequest, HttpError } from './errors.ts';
import { replyNoRoute } from './no-route.ts';
import { explainIssue, type RawIssue } from './zod-issues.ts';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { keys?: string[]; errors?: RawIssue[][] };
}

/**
 * The problem type of a request the database refused as a value (PostgreSQL data exceptions, class 22). Each one is
 * a missing check in a schema: the server logs it as an error, and the fuzz suite fails on any response of this type.
 */
export const DATABASE_REFUSED_VALUE = 'urn:lifeline:problem:database-refused-value';

function fieldOf(context: string | undefined, instancePath: string | undefined): string {
  const path = (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  if (context === 'body' || !context) return path || '(body)';
  return path ? `${context}.${path}` : context;
}

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  // RFC 9110 §15.5.2: a 401 says how to authenticate (RFC 6750: a Bearer token; invalid_token when one was sent).
  if (status === 401) {
    reply.header(
      'www-authenticate',
      request.headers.authorization ? 'Bearer realm="lifeline", error="invalid_token"' : 'Bearer realm="lifeline"',
    );
  }
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, detail, ...extra });
}

/** Errors Fastify's router raises before any route or hook runs (a malformed or too long URL). */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(request, reply, 414, 'URI Too Long', 'a path segment is too long');
  }
  return sendProblem(request, reply, 400, 'Bad Request', 'the URL is not valid (bad percent-encoding)', {
    errors: [{ field: 'url', message: 'not a valid URL' }],
  });
}

/**
 * Every error leaves the server as RFC 9457 problem+json. Caller mistakes are 4xx naming the bad field;
 * anything unexpected is logged and answered with a bare 500 that leaks nothing.
 */
export function installProblemHandlers(app: FastifyInstance, allowedMethods: (path: string) => string[]) {
  // Path and query parameters get the checks the JSON parser gives bodies: no NUL, no lone surrogate.
  app.addHook('preValidation', async (request) => {
    const problem = jsonProblem(request.params, 'params') ?? jsonProblem(request.query, 'querystring', /* flat */ 2);
    if (problem) throw badRequest(`${problem.field}: ${problem.message}`, [problem]);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) =>
      sendProblem(request, reply, status, title, detail, extra);

    if (error instanceof HttpError) {
      if (error.headers) reply.headers(error.headers);
      return send(error.status, error.title, error.message, error.errors ? { errors: error.errors } : {});
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as ValidationIssue[];
      const errors = issues.flatMap((i) => {
        if (i.keyword !== 'invalid_union' && i.keyword !== 'unrecognized_keys') {
          return [{ field: fieldOf(error.validationContext, i.instancePath), message: i.message ?? 'invalid' }];
        }
        // Name the unknown key itself, and explain a union by its closest branch (see zod-issues.ts).
        const raw = { code: i.keyword, path: [], message: i.message ?? 'invalid', ...i.params };
        return explainIssue(raw).map((e) => ({
          field: fieldOf(
            error.validationContext,
            [...(i.instancePath ?? '').split('/').filter(Boolean), ...e.path.map(String)].join('/'),
          ),
          message: e.message,
        }));
      });
      return send(400, 'Bad Request', `invalid ${error.validationContext ?? 'request'}`, { errors });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(status, titleFor(status), error.message);
    }
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      request.log.error({ err: error }, 'the database refused a value no schema checked');
      return send(400, 'Bad Request', 'a value in the request cannot be used', { type: DATABASE_REFUSED_VALUE });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'Internal Server Error', 'something went wrong on the server; the request changed nothing');
  });

  app.setNotFoundHandler((request, reply) => replyNoRoute(request, reply, allowedMethods));
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    409: 'Conflict',
    413: 'Content Too Large',
    414: 'URI Too Long',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Bad Request';
}
