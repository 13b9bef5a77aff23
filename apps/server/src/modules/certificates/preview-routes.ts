import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { certificatePreview } from './preview.ts';
import { EventParams } from './schemas.ts';

/** The next certificate of a record as a stamped preview PDF, shown before the print and the fee are recorded. */
export function certificatePreviewRoutes(app: ApiApp, ctx: AppContext) {
  app.get(
    '/api/events/:id/certificates/preview.pdf',
    {
      onRequest: [app.authenticate],
      schema: {
        operationId: 'previewCertificate',
        tags: ['certificates'],
        summary: "A preview of the record's next certificate (stamped, no number, nothing recorded but the view)",
        params: EventParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const pdf = await certificatePreview(ctx, request.user, request.params.id, request.ip);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="certificate-preview.pdf"')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
