import type { FastifySerializerCompiler } from 'fastify';

/**
 * Route option that serialises replies with JSON.stringify instead of re-validating them against the zod schema.
 * For the big, hot responses (records, search results) built by our own code; the schema still documents them.
 */
export const plainJson: { serializerCompiler: FastifySerializerCompiler<unknown> } = {
  serializerCompiler: () => (data) => JSON.stringify(data),
};
