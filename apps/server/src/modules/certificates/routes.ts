import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { certificateKeys } from '../verify/index.ts';
import {
  CertificatePdfParams,
  CertificatesOfRecord,
  EventParams,
  IssueBody,
  PrintBody,
  PrintResponse,
} from './schemas.ts';
import { certificatePdf, certificatesOfRecord, issueCertificate, printCertificate } from './service.ts';

/**
 * Printing and handing over certificates. These two action routes are more specific than the generic
 * `/api/events/:id/actions/:type`, which Fastify therefore never reaches for them.
 */
export async function certificateRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  await certificateKeys(ctx); // generate or load the signing key at start, not on the first print
  const auth = { onRequest: [app.authenticate] };
  const tags = ['certificates'];

  app.post(
    '/api/events/:id/actions/PRINT_CERTIFICATE',
    {
      ...auth,
      schema: {
        operationId: 'printCertificate',
        tags,
        summary: 'Print a certificate (the first time) or a certified copy, taking the fee',
        description:
          'Checks the collector (the informant, mother or father must show the ID on the record; anyone else gives ' +
          'name, ID and relationship; PRINT_IN_ADVANCE prints for a later ISSUE_CERTIFICATE) and that the payment ' +
          'is the fee (GET /api/events/{id}/certificates says which). Writes the action, the certificate and the ' +
          'payment in one transaction. Replaying a transactionId returns the same certificate.',
        params: EventParams,
        body: PrintBody,
        response: { 200: PrintResponse },
      },
    },
    async (request) => printCertificate(ctx, request.user, request.params.id, request.body),
  );

  app.post(
    '/api/events/:id/actions/ISSUE_CERTIFICATE',
    {
      ...auth,
      schema: {
        operationId: 'issueCertificate',
        tags,
        summary: 'Hand over a certificate printed in advance, after checking who collects it',
        params: EventParams,
        body: IssueBody,
        response: { 200: PrintResponse },
      },
    },
    async (request) => issueCertificate(ctx, request.user, request.params.id, request.body),
  );

  app.get(
    '/api/events/:id/certificates',
    {
      ...auth,
      schema: {
        operationId: 'listCertificates',
        tags,
        summary: "A record's certificates, and the template and fee of the next print",
        params: EventParams,
        response: { 200: CertificatesOfRecord },
      },
    },
    async (request) => certificatesOfRecord(ctx, request.user, request.params.id),
  );

  app.get(
    '/api/certificates/:id.pdf',
    {
      ...auth,
      schema: {
        operationId: 'getCertificatePdf',
        tags,
        summary: 'The certificate as a PDF (A4), the same bytes every time',
        params: CertificatePdfParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const pdf = await certificatePdf(ctx, request.user, request.params.id, request.ip);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="certificate-${request.params.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
