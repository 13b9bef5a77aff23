import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { cleanFilename, FILE_BODY_LIMIT, FILE_TYPES, getFile, uploadFile } from './service.ts';

const FileParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a file id is 64 hex digits (SHA-256)') });
const UploadQuery = z.object({ filename: z.string().max(1000).optional().describe('the original file name') });
const Uploaded = z.object({
  path: z.string().describe('where to read the file back; put it in the declaration as the file value `path`'),
  originalFilename: z.string().optional(),
  type: z.string(),
  size: z.number().int(),
});

/**
 * Documents and signatures attached to declarations. The raw bytes are the request body (no multipart), so a
 * slow connection sends nothing but the file. Registered in a child context: the binary body parsers apply to
 * these routes only.
 */
export async function fileRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  await app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: FILE_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    scope.post(
      '/api/files',
      {
        onRequest: [app.authenticate],
        bodyLimit: FILE_BODY_LIMIT,
        schema: {
          operationId: 'uploadFile',
          tags: ['files'],
          summary: 'Upload a document or signature (JPEG, PNG or PDF, at most 5 MB) as the raw request body',
          description:
            'Content-addressed: the same bytes always get the same path. The file name may be sent in an ' +
            '`x-filename` header (percent-encoded) or a `filename` query parameter.',
          querystring: UploadQuery,
          response: { 201: Uploaded },
        },
      },
      async (request, reply) => {
        const header = request.headers['x-filename'];
        const file = await uploadFile(ctx, request.user, {
          data: request.body as Buffer,
          contentType: (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
          filename: cleanFilename((Array.isArray(header) ? header[0] : header) ?? request.query.filename),
          ip: request.ip,
        });
        return reply.code(201).send(file);
      },
    );

    scope.get(
      '/api/files/:id',
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: 'getFile',
          tags: ['files'],
          summary: 'Read an uploaded file',
          params: FileParams,
        },
      },
      async (request, reply) => {
        const file = await getFile(ctx, request.user, request.params.id, request.ip);
        return reply
          .header('content-type', file.contentType)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', 'inline')
          .send(file.data);
      },
    );
  });
}
