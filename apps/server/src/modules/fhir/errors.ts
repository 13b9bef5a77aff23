import { errorIssue, operationOutcome, type Issue, type IssueCode } from '@lifeline/fhir';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError } from '../../lib/errors.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR request refused with these issues (each naming its element by FHIRPath where there is one). */
export class FhirIssues extends HttpError {
  constructor(
    status: number,
    readonly issues: Issue[],
  ) {
    super(status, 'FHIR request refused', issues.map((i) => i.diagnostics).join('; '));
  }
}

const ISSUE_CODE: Record<number, IssueCode> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  422: 'processing',
  429: 'throttled',
};

export function sendOutcome(reply: FastifyReply, status: number, issues: Issue[]) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="lifeline", error="invalid_token"');
  return reply.code(status).type(FHIR_JSON).send(operationOutcome(issues));
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
}

/**
 * Under /fhir every error is an OperationOutcome: the caller's mistakes as 4xx with the element or parameter that is
 * wrong, anything unexpected as a 500 that leaks nothing.
 */
export function installOutcomeHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof FhirIssues) return sendOutcome(reply, error.status, error.issues);
    if (error instanceof HttpError) {
      if (error.headers) reply.headers(error.headers);
      const code = ISSUE_CODE[error.status] ?? 'processing';
      const details = (error.errors ?? []).map((e) => errorIssue(code, `${e.field}: ${e.message}`));
      return sendOutcome(reply, error.status, [errorIssue(code, error.message), ...details]);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where =
        error.validationContext === 'querystring' ? 'search parameter' : (error.validationContext ?? 'request');
      const issues = (error.validation as ValidationIssue[]).map((i) => {
        const name = (i.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
        return errorIssue('invalid', `${where}${name ? ` ${name}` : ''}: ${i.message ?? 'invalid'}`);
      });
      return sendOutcome(reply, 400, issues);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendOutcome(reply, status, [errorIssue(ISSUE_CODE[status] ?? 'invalid', error.message)]);
    request.log.error({ err: error }, 'unhandled error');
    return sendOutcome(reply, 500, [
      errorIssue('exception', 'something went wrong on the server; the request changed nothing'),
    ]);
  });
  app.setNotFoundHandler((request, reply) =>
    sendOutcome(reply, 404, [
      errorIssue(
        'not-supported',
        `no FHIR interaction ${request.method} ${request.url.split('?')[0]} here; see /fhir/metadata`,
      ),
    ]),
  );
}

/** Errors of Fastify's router (a malformed or too long URL) under /fhir, as OperationOutcomes like every FHIR error. */
export function fhirFrameworkError(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendOutcome(reply, 414, [errorIssue('too-long', 'a path segment is too long')]);
  }
  return sendOutcome(reply, 400, [errorIssue('invalid', 'the URL is not valid (bad percent-encoding)')]);
}
