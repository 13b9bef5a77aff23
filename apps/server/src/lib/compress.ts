import { constants } from 'node:zlib';
import type { FastifyCompressOptions } from '@fastify/compress';

/**
 * Compress what the server writes on the fly: API JSON, problems, the OpenAPI document. Brotli at a middle level
 * (a tenth of the CPU of its best, most of the gain); the web app's files are compressed at build time instead
 * (apps/web/vite.config.ts) and sent as they are. Images and PDFs are compressed already and left alone.
 */
export const compressOptions: FastifyCompressOptions = {
  global: true,
  threshold: 1024,
  encodings: ['br', 'gzip'],
  customTypes: /^(application\/(json|problem\+json|javascript|manifest\+json|xml)|text\/|image\/svg\+xml)/,
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  zlibOptions: { level: 6 },
};
