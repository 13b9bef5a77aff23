import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { HttpError } from '../../lib/errors.ts';
import { FILE_BODY_LIMIT } from './service.ts';
import {
  appendToUpload,
  checkTusVersion,
  createUpload,
  MAX_CHUNK_BYTES,
  parseMetadata,
  removeUpload,
  TUS_EXTENSIONS,
  TUS_VERSION,
  uploadState,
  type UploadState,
} from './uploads.ts';

const UploadParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an upload id is 22 characters') });
const TusHeader = { 'tus-resumable': z.string().optional().describe(`must be ${TUS_VERSION} (412 otherwise)`) };
const Empty = z.null().describe('no body: the state is in the headers');
const UPLOADS = '/api/files/uploads';
const CHUNK_TYPE = 'application/offset+octet-stream';

/** Headers every tus answer about an upload carries; `x-file-path` once the file is stored. */
function stateHeaders(state: UploadState): Record<string, string> {
  return {
    'upload-offset': String(state.offset),
    'upload-length': String(state.length),
    'upload-expires': state.expiresAt.toUTCString(),
    'cache-control': 'no-store',
    ...(state.file ? { 'x-file-path': state.file.path } : {}),
  };
}

/**
 * Resumable uploads for slow and unreliable links (tus 1.0.0: any tus client works). A child context: the chunk
 * body parser and the Tus-Resumable header apply to these routes only. `POST /api/files` stays for small files.
 */
export async function uploadRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  await app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser(CHUNK_TYPE, { parseAs: 'buffer', bodyLimit: MAX_CHUNK_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.addHook('onSend', async (request, reply) => {
      if (request.method !== 'OPTIONS') reply.header('tus-resumable', TUS_VERSION);
    });
    const tags = ['files'];
    const auth = { onRequest: [app.authenticate] };

    scope.options(
      UPLOADS,
      {
        schema: {
          operationId: 'discoverUploads',
          tags,
          summary: 'What the resumable upload endpoint supports (tus discovery)',
          security: [],
          response: { 204: Empty },
        },
      },
      async (_request, reply) =>
        reply
          .code(204)
          .headers({
            'tus-resumable': TUS_VERSION,
            'tus-version': TUS_VERSION,
            'tus-extension': TUS_EXTENSIONS,
            'tus-max-size': String(FILE_BODY_LIMIT),
          })
          .send(null),
    );

    scope.post(
      UPLOADS,
      {
        ...auth,
        schema: {
          operationId: 'createUpload',
          tags,
          summary: 'Start a resumable upload of a document or signature (tus creation)',
          description:
            'Headers: `Upload-Length` (bytes, at most 5 MB) and `Upload-Metadata` with `filetype` (image/jpeg, ' +
            'image/png or application/pdf), optionally `filename` and `sha256` (hex; the whole file is checked ' +
            'against it). Answers 201 with the upload in `Location`. Then PATCH the bytes in chunks of at most 1 MB.',
          headers: z.object({
            ...TusHeader,
            'upload-length': z.coerce.number().int().min(1).describe('the whole file, in bytes'),
            'upload-metadata': z.string().max(2000).optional(),
          }),
          response: { 201: Empty },
        },
      },
      async (request, reply) => {
        checkTusVersion(request.headers['tus-resumable']);
        const state = await createUpload(ctx, request.user, {
          length: request.headers['upload-length'],
          metadata: parseMetadata(request.headers['upload-metadata']),
        });
        return reply
          .code(201)
          .headers({ location: `${UPLOADS}/${state.id}`, ...stateHeaders(state) })
          .send(null);
      },
    );

    scope.route({
      method: 'HEAD',
      url: `${UPLOADS}/:id`,
      ...auth,
      schema: {
        operationId: 'getUploadOffset',
        tags,
        summary: 'How many bytes of an upload the server has (resume from `Upload-Offset`)',
        description: 'Once every byte is in, `x-file-path` gives the stored file for the declaration.',
        params: UploadParams,
        headers: z.object(TusHeader),
        response: { 200: Empty },
      },
      handler: async (request, reply) => {
        checkTusVersion(request.headers['tus-resumable']);
        const state = await uploadState(ctx, request.user, request.params.id, request.ip);
        return reply.code(200).headers(stateHeaders(state)).send(null);
      },
    });

    scope.patch(
      `${UPLOADS}/:id`,
      {
        ...auth,
        bodyLimit: MAX_CHUNK_BYTES,
        schema: {
          operationId: 'appendToUpload',
          tags,
          summary: 'Send the next chunk of an upload (Content-Type: application/offset+octet-stream)',
          description:
            "`Upload-Offset` must be the server's offset (else 409, with the right one in `Upload-Offset`). The " +
            'chunk that completes the file stores it: `x-file-path` gives its path; 460 when the bytes do not ' +
            'have the announced SHA-256 (the upload restarts at 0).',
          params: UploadParams,
          headers: z.object({ ...TusHeader, 'upload-offset': z.coerce.number().int().min(0) }),
          response: { 204: Empty },
        },
      },
      async (request, reply) => {
        checkTusVersion(request.headers['tus-resumable']);
        const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== CHUNK_TYPE) {
          throw new HttpError(415, 'Unsupported Media Type', `send chunks as Content-Type: ${CHUNK_TYPE}`);
        }
        const chunk = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const state = await appendToUpload(
          ctx,
          request.user,
          request.params.id,
          request.headers['upload-offset'],
          chunk,
          request.ip,
        );
        return reply.code(204).headers(stateHeaders(state)).send(null);
      },
    );

    scope.delete(
      `${UPLOADS}/:id`,
      {
        ...auth,
        schema: {
          operationId: 'terminateUpload',
          tags,
          summary: 'Give up an unfinished upload (tus termination)',
          params: UploadParams,
          headers: z.object(TusHeader),
          response: { 204: Empty },
        },
      },
      async (request, reply) => {
        checkTusVersion(request.headers['tus-resumable']);
        await removeUpload(ctx, request.user, request.params.id);
        return reply.code(204).send(null);
      },
    );
  });
}
