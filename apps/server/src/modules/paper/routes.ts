import {
  PAPER_SCAN_TYPES,
  PAPER_UPLOAD_MAX_BYTES,
  PaperEntryBody,
  PaperEntryResult,
  PaperPageDetail,
  PaperPageView,
  PaperUploadQuery,
} from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import { cleanFilename } from '../files/service.ts';
import {
  assignPage,
  pageDetail,
  pageQueue,
  pageScan,
  resolvePage,
  submitEntry,
  unassignPage,
  uploadPages,
} from './service.ts';

const PageParams = z.object({ id: z.uuid() });
const tags = ['paper'];
const PAGES = '/api/paper/pages';

/**
 * Transcription of paper registers: upload scans (raw body: PNG, JPEG or PDF), the shared workqueue of pages to
 * transcribe, taking and releasing a page, the entries (twice, by two people, with double entry) and a registrar's
 * resolution of differing entries. A child context: the binary body parser applies to the upload only.
 */
export async function paperRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  const auth = { onRequest: [app.authenticate] };
  await app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser(
      [...PAPER_SCAN_TYPES],
      { parseAs: 'buffer', bodyLimit: PAPER_UPLOAD_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      PAGES,
      {
        ...auth,
        bodyLimit: PAPER_UPLOAD_MAX_BYTES,
        schema: {
          operationId: 'uploadPaperPages',
          tags,
          summary: 'Upload scanned pages of a paper register (an image, or a PDF split into one page per page)',
          description:
            'Needs record.import or record.register for the event type over the office. The body is the scan (image/png, image/jpeg ' +
            `or application/pdf, at most ${PAPER_UPLOAD_MAX_BYTES / 1024 / 1024} MB).`,
          querystring: PaperUploadQuery,
          response: { 201: z.object({ pages: z.array(PaperPageView) }), ...problems(400, 401, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        const pages = await uploadPages(
          ctx,
          request.user,
          { ...request.query, filename: cleanFilename(request.query.filename) },
          {
            data: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
            contentType: (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
            ip: request.ip,
          },
        );
        return reply.code(201).send({ pages });
      },
    );
  });

  app.get(
    PAGES,
    {
      ...auth,
      schema: {
        operationId: 'listPaperPages',
        tags,
        summary: 'The "Scanned pages to transcribe" workqueue: pages of your jurisdiction not yet transcribed',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({ results: z.array(PaperPageView), total: z.number().int() }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => pageQueue(ctx, request.user, request.query),
  );

  app.get(
    `${PAGES}/:id`,
    {
      ...auth,
      schema: {
        operationId: 'getPaperPage',
        tags,
        summary: 'A scanned page; for a registrar resolving it, both entries and their differences',
        params: PageParams,
        response: { 200: PaperPageDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => pageDetail(ctx, request.user, request.params.id),
  );

  app.get(
    `${PAGES}/:id/scan`,
    {
      ...auth,
      schema: {
        operationId: 'getPaperPageScan',
        tags,
        summary: 'The scan of a page (image or one-page PDF); every read is logged',
        params: PageParams,
        produces: ['image/png', 'image/jpeg', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const file = await pageScan(ctx, request.user, request.params.id, request.ip);
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(file.data);
    },
  );

  for (const [action, operationId, summary, run] of [
    ['assign', 'assignPaperPage', 'Take a page (others see it taken)', assignPage],
    ['unassign', 'unassignPaperPage', 'Release a page (its holder, or a registrar)', unassignPage],
  ] as const) {
    app.post(
      `${PAGES}/:id/${action}`,
      {
        ...auth,
        schema: {
          operationId,
          tags,
          summary,
          params: PageParams,
          response: { 200: PaperPageView, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => run(ctx, request.user, request.params.id),
    );
  }

  app.post(
    `${PAGES}/:id/entries`,
    {
      ...auth,
      schema: {
        operationId: 'submitPaperEntry',
        tags,
        summary: "Submit one person's transcription of a page",
        description:
          "Needs record.transcribe for the event type over the page's office and the place of the event. " +
          'With double entry, the first entry waits for a second by someone else (the same person is refused, 403); ' +
          'two entries that agree make the record at once (REGISTERED at the original number and date), two that ' +
          'differ are listed field by field for a registrar to resolve.',
        params: PageParams,
        body: PaperEntryBody,
        response: { 200: PaperEntryResult, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => submitEntry(ctx, request.user, request.params.id, request.body),
  );

  app.post(
    `${PAGES}/:id/resolve`,
    {
      ...auth,
      schema: {
        operationId: 'resolvePaperPage',
        tags,
        summary:
          'Resolve two differing entries (a registrar, not one of the typists): the record is made from the body',
        params: PageParams,
        body: PaperEntryBody,
        response: { 200: PaperEntryResult, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => resolvePage(ctx, request.user, request.params.id, request.body),
  );
}
