import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { badRequest } from './errors.ts';

/**
 * JSON body parser: rejects prototype pollution (like Fastify's own) and text containing NUL characters,
 * which PostgreSQL cannot store in jsonb. Both are answered 400 before any handler runs.
 */
export function installJsonParser(app: FastifyInstance, bodyLimit: number) {
  app.removeContentTypeParser('application/json');
  // FHIR's own media type (application/fhir+json) is JSON too.
  app.addContentTypeParser(
    ['application/json', 'application/fhir+json'],
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      const text = body as string;
      if (text.length === 0) return done(null, undefined);
      if (text.includes('\\u0000') || text.includes('\u0000')) {
        return done(badRequest('text may not contain NUL characters (\\u0000)'));
      }
      try {
        done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch (error) {
        done(badRequest(`malformed JSON: ${(error as Error).message}`));
      }
    },
  );
}
