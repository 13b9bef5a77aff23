import { jsonProblem } from '@lifeline/domain';
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { badRequest } from './errors.ts';

/**
 * JSON body parser: rejects prototype pollution (like Fastify's own), nesting deeper than MAX_JSON_DEPTH, and text
 * PostgreSQL cannot store or compare (NUL characters, lone UTF-16 surrogates), naming the field. All are answered
 * 400 before any handler runs, so no route has to think about them.
 */
export function installJsonParser(app: FastifyInstance, bodyLimit: number) {
  app.removeContentTypeParser('application/json');
  // A JSON API takes JSON: a text/plain body is answered 415 instead of reaching a schema as a string.
  app.removeContentTypeParser('text/plain');
  // FHIR's own media type (application/fhir+json) is JSON too.
  app.addContentTypeParser(
    ['application/json', 'application/fhir+json'],
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      const text = body as string;
      if (text.length === 0) return done(null, undefined);
      let value: unknown;
      try {
        value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (error) {
        return done(badRequest(`malformed JSON: ${(error as Error).message}`));
      }
      const problem = jsonProblem(value);
      if (problem) return done(badRequest(`${problem.field}: ${problem.message}`, [problem]));
      done(null, value);
    },
  );
}
