import type { FastifyInstance } from 'fastify';
import { Problem } from './problem-schema.ts';

/** Paths whose errors have their own shape, documented by their routes: FHIR's OperationOutcome, OAuth2's. */
const OWN_ERROR_SHAPE = (url: string) => url.startsWith('/fhir') || url === '/api/auth/token';

/**
 * Every operation documents the errors every route of its kind can answer, as RFC 9457 problems: 400 when it
 * takes input, 401 and 403 when it needs a token, 404 when it names something by path. A route that documents
 * a status itself keeps its own. Registered before the routes (an onRoute hook sees only routes added after it).
 */
export function documentCommonErrors(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as (Record<string, unknown> & { response?: Record<string, unknown> }) | undefined;
    if (!schema || schema.hide || OWN_ERROR_SHAPE(route.url)) return;
    const response = (schema.response ??= {});
    const add = (status: number) => {
      if (!(status in response) && !('4xx' in response)) response[status] = Problem;
    };
    if (schema.body || schema.params || schema.querystring) add(400);
    const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
    if (!isPublic) {
      add(401);
      add(403);
    }
    if (schema.params) add(404);
  });
}

interface OpenApiOperation {
  operationId?: string;
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
}

/** Operations whose body is raw bytes (read by a content parser, not a JSON schema): their media types. */
const RAW_BODIES: Record<string, string[]> = {
  uploadFile: ['image/jpeg', 'image/png', 'application/pdf'],
  appendToUpload: ['application/offset+octet-stream'],
  startImport: ['text/csv', 'application/fhir+ndjson', 'application/x-ndjson'],
};

/**
 * The document as generators need it: errors as application/problem+json (what lib/problem.ts sends), except
 * where routes have their own shape; raw file bodies described as binary.
 */
export function problemMediaType<T>(document: T): T {
  for (const [path, methods] of Object.entries((document as OpenApiDocument).paths ?? {})) {
    if (OWN_ERROR_SHAPE(path)) continue;
    for (const operation of Object.values(methods)) {
      const raw = operation.operationId && RAW_BODIES[operation.operationId];
      if (raw && !operation.requestBody) {
        const binary = { schema: { type: 'string', format: 'binary' } };
        operation.requestBody = { required: true, content: Object.fromEntries(raw.map((type) => [type, binary])) };
      }
      for (const [status, answer] of Object.entries(operation.responses ?? {})) {
        // A route that produces a PDF or a page still fails as a problem (its `produces` covers its errors too).
        const first = answer.content && Object.values(answer.content)[0];
        if (Number(status) >= 400 && first) answer.content = { 'application/problem+json': first };
      }
    }
  }
  return document;
}
