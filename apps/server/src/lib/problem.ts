import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError } from './errors.ts';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

function fieldOf(context: string | undefined, instancePath: string | undefined): string {
  const path = (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  if (context === 'body' || !context) return path || '(body)';
  return path ? `${context}.${path}` : context;
}

/**
 * Every error leaves the server as RFC 9457 problem+json. Caller mistakes are 4xx naming the bad field;
 * anything unexpected is logged and answered with a bare 500 that leaks nothing.
 */
export function installProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) =>
      reply
        .code(status)
        .type('application/problem+json')
        .send({ type: 'about:blank', title, status, detail, ...extra });

    if (error instanceof HttpError) {
      if (error.headers) reply.headers(error.headers);
      return send(error.status, error.title, error.message, error.errors ? { errors: error.errors } : {});
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as ValidationIssue[];
      const errors = issues.map((i) => ({
        field: fieldOf(error.validationContext, i.instancePath),
        message: i.message ?? 'invalid',
      }));
      return send(400, 'Bad Request', `invalid ${error.validationContext ?? 'request'}`, { errors });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(status, titleFor(status), error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'Internal Server Error', 'something went wrong on the server; the request changed nothing');
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `no route ${request.method} ${request.url}`,
      }),
  );
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
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Bad Request';
}
