import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ImportFormat, ImportPage, ImportView } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { problems } from '../../lib/problem-schema.ts';
import { requireScope } from '../access/index.ts';
import { appendAudit } from '../audit/index.ts';
import { listImports } from './listing.ts';
import { duplicateReportLines, getImport, openImport, reportLines, runImport } from './service.ts';
import { toView } from './tables.ts';

/** The media types an import's body may have: CSV, or NDJSON of FHIR Bundles. */
export const IMPORT_BODY_TYPES = ['text/csv', 'application/fhir+ndjson', 'application/x-ndjson'];

const ImportQuery = z.object({
  type: z.string().min(1).describe('the event type of every row (birth, death...)'),
  format: ImportFormat.optional().describe('csv (default for text/csv) or fhir (default for NDJSON bodies)'),
  name: z.string().max(255).optional().describe("the file's name, as the records' provenance and the report give it"),
  duplicates: z
    .enum(['exact', 'rules'])
    .optional()
    .describe(
      "exact (default): refuse rows with the same names and date of event as another record; rules: also apply the country's duplicate rules and report the rows they match (imported all the same; getImportReport with kind=duplicates)",
    ),
});
const ReportQuery = z.object({
  kind: z
    .enum(['refused', 'duplicates'])
    .optional()
    .describe('refused (default): the refused rows and why; duplicates: the possible duplicates and what they match'),
});
const ImportParams = z.object({ id: z.uuid() });
const ImportListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const tags = ['imports'];

/** Where uploaded files wait while they are imported (removed once the import is done). */
function uploadPath(): string {
  const dir = path.join(os.tmpdir(), 'lifeline-imports');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${randomBytes(12).toString('hex')}.upload`);
}

/**
 * Legacy register imports over HTTP (the same work as `lifeline import`): the file is the raw body, streamed to
 * disk, then imported in the background; its progress and report are read back by id. Posting the same file again
 * resumes an interrupted import, or answers the finished one.
 */
export async function importRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  await app.register(async (scope: ApiApp) => {
    // The body is handed on as a stream: a file of millions of rows never sits in memory.
    scope.addContentTypeParser(IMPORT_BODY_TYPES, (_request, payload, done) => done(null, payload));

    scope.post(
      '/api/imports',
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: 'startImport',
          tags,
          summary: 'Import a legacy register (CSV by the country import map, or NDJSON of FHIR Bundles)',
          description:
            'Needs record.import for the event type; each row is also checked against its jurisdiction. The body ' +
            'is the file (text/csv or application/fhir+ndjson). Answers at once with the import, which runs in the ' +
            'background: follow it with getImport, read refused rows with getImportReport. The same file again ' +
            'resumes an interrupted import or adds nothing.',
          querystring: ImportQuery,
          response: { 202: ImportView, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const { type, name } = request.query;
        requireScope(ctx.country, request.user, 'record.import', type);
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        const format = request.query.format ?? (mediaType === 'text/csv' ? 'csv' : 'fhir');
        const body = request.body as Readable | undefined;
        if (!body || typeof (body as Readable).pipe !== 'function') {
          throw badRequest(`send the file as the body (${IMPORT_BODY_TYPES.join(', ')})`);
        }
        const file = uploadPath();
        try {
          await pipeline(body, createWriteStream(file));
          const job = await openImport(ctx, request.user, {
            path: file,
            fileName: name ?? `upload.${format === 'csv' ? 'csv' : 'ndjson'}`,
            eventType: type,
            format,
          });
          const user = request.user;
          // In the background: the answer says where to follow it. Failures are kept on the import's row.
          void runImport(ctx, user, job, { path: file }, { duplicates: request.query.duplicates })
            .catch((error: unknown) => ctx.log.warn({ err: error, importId: job.id }, 'import failed'))
            .finally(() => rmSync(file, { force: true }));
          return reply.code(202).send(toView(job));
        } catch (error) {
          rmSync(file, { force: true });
          throw error;
        }
      },
    );

    scope.get(
      '/api/imports',
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: 'listImports',
          tags,
          summary: 'The imports the caller may follow, newest first',
          description:
            "Needs record.import. The caller's own imports, and those of the event types and offices their " +
            'record.import reaches (a national administrator: every import). Paged with limit and offset.',
          querystring: ImportListQuery,
          response: { 200: ImportPage, ...problems(400, 401, 403) },
        },
      },
      async (request) => listImports(ctx, request.user, request.query),
    );

    scope.get(
      '/api/imports/:id',
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: 'getImport',
          tags,
          summary: 'An import and its progress (rows read, imported, refused)',
          params: ImportParams,
          response: { 200: ImportView, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => toView(await getImport(ctx, request.user, request.params.id)),
    );

    scope.get(
      '/api/imports/:id/report',
      {
        onRequest: [app.authenticate],
        schema: {
          operationId: 'getImportReport',
          tags,
          summary:
            'The refused rows of an import and why (CSV: row, registration_number, reasons), or its possible duplicates',
          description:
            'kind=duplicates: the rows the country duplicate rules matched (CSV: row, registration_number, ' +
            'matched_registration_number, matched_row, rules, score, matched_record_id); imported all the same.',
          params: ImportParams,
          querystring: ReportQuery,
          produces: ['text/csv'],
          response: { 200: z.string().describe('CSV'), ...problems(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const job = await getImport(ctx, request.user, request.params.id);
        const kind = request.query.kind ?? 'refused';
        // The report names registrations: who read it is logged.
        await ctx.db.transaction().execute((trx) =>
          appendAudit(trx, {
            stream: `import:${job.id}`,
            actorId: request.user.id,
            actorRole: request.user.role,
            action: 'import.REPORT_READ',
            subjectType: 'import',
            subjectId: job.id,
            details: { kind },
            ip: request.ip,
          }),
        );
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="import-${job.id}-${kind}.csv"`)
            // Streamed page by page (the schema types the answer as the CSV text it is).
            .send(
              Readable.from(
                kind === 'duplicates' ? duplicateReportLines(ctx, job.id) : reportLines(ctx, job.id),
              ) as unknown as string,
            )
        );
      },
    );
  });
}
