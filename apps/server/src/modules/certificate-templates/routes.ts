import { CertificateTemplate } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import type { AuthUser } from '../auth/types.ts';
import { requireConfigAdmin } from '../settings/service.ts';
import { templatePreview } from './preview.ts';
import {
  listTemplates,
  rollbackTemplate,
  templateVersion,
  templateVersions,
  templateView,
  updateTemplate,
} from './service.ts';

const tags = ['certificate-templates'];
const Params = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/) });
const VersionParams = Params.extend({ version: z.coerce.number().int().min(0).max(2_147_483_647) });
const Reason = z.string().trim().min(1).max(500).describe('why: kept with the version and in the audit log');
const Page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Summary = z.object({
  id: z.string(),
  event: z.string(),
  kind: z.string(),
  title: z.string(),
  version: z.number().int().describe('the version in force (0: the country package)'),
  hasLayout: z.boolean(),
});
const View = z.object({
  id: z.string(),
  version: z.number().int(),
  template: CertificateTemplate,
  packageTemplate: CertificateTemplate.describe("the country package's template, under every version"),
  languages: z.array(z.string()),
  messageKeys: z.array(z.string()).describe('what a text element may name in `message`'),
  fields: z.array(z.object({ id: z.string(), label: z.string() })).describe('what a field element may name'),
});
const VersionSummary = z.object({
  version: z.number().int(),
  reason: z.string(),
  createdBy: z.string(),
  createdByRole: z.string(),
  createdAt: z.string(),
  rollbackOf: z.number().int().nullable(),
});

/**
 * Certificate templates as data (texts, sections, layout), versioned per template by the national system
 * administrator. A new version applies to new prints only: every print keeps the template it was printed with.
 */
export function certificateTemplateRoutes(app: ApiApp, ctx: AppContext) {
  // The scope is checked before the body: whoever may not change templates learns nothing about what is valid.
  const auth = {
    onRequest: [app.authenticate],
    preValidation: async (request: { user: AuthUser }) => requireConfigAdmin(request.user, 'certificate templates'),
  };

  app.get(
    '/api/config/certificate-templates',
    {
      ...auth,
      schema: {
        operationId: 'listCertificateTemplates',
        tags,
        summary: 'The certificate templates and the version of each in force (config.update-all, national)',
        response: { 200: z.array(Summary), ...problems(401, 403) },
      },
    },
    async (request) => listTemplates(ctx, request.user),
  );

  app.get(
    '/api/config/certificate-templates/:id',
    {
      ...auth,
      schema: {
        operationId: 'getCertificateTemplate',
        tags,
        summary: 'A certificate template in force, the package default, and what its elements may name',
        params: Params,
        response: { 200: View, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => templateView(ctx, request.user, request.params.id),
  );

  app.put(
    '/api/config/certificate-templates/:id',
    {
      ...auth,
      schema: {
        operationId: 'updateCertificateTemplate',
        tags,
        summary: 'Save a new version of a certificate template (new prints only), in force on every server copy',
        description:
          'Checked as the country package is at start: every element inside the page, fields the form has, ' +
          'message keys and images that exist, texts in every printed language. A refused template answers 400 ' +
          'naming the problem (e.g. `template.layout.elements[3]`) and changes nothing. Send `baseVersion` to be ' +
          'refused (409) if someone saved meanwhile. Certificates printed before keep their exact bytes.',
        params: Params,
        body: z.object({
          template: CertificateTemplate,
          reason: Reason,
          baseVersion: z.number().int().min(0).optional(),
        }),
        response: { 200: View, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateTemplate(ctx, request.user, request.params.id, request.body),
  );

  app.get(
    '/api/config/certificate-templates/:id/versions',
    {
      ...auth,
      schema: {
        operationId: 'listCertificateTemplateVersions',
        tags,
        summary: 'Versions of a certificate template, newest first: who changed it, when and why',
        params: Params,
        querystring: Page,
        response: { 200: z.array(VersionSummary), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => templateVersions(ctx, request.user, request.params.id, request.query),
  );

  app.get(
    '/api/config/certificate-templates/:id/versions/:version',
    {
      ...auth,
      schema: {
        operationId: 'getCertificateTemplateVersion',
        tags,
        summary: 'One version of a certificate template (0: the country package)',
        params: VersionParams,
        response: {
          200: VersionSummary.partial().extend({ version: z.number().int(), template: CertificateTemplate }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => templateVersion(ctx, request.user, request.params.id, request.params.version),
  );

  app.post(
    '/api/config/certificate-templates/:id/versions/:version/rollback',
    {
      ...auth,
      schema: {
        operationId: 'rollbackCertificateTemplate',
        tags,
        summary: 'Put an earlier version of a template back in force (as a new version); 0 is the package',
        params: VersionParams,
        body: z.object({ reason: Reason }),
        response: { 200: View, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      rollbackTemplate(ctx, request.user, request.params.id, request.params.version, request.body.reason),
  );

  app.post(
    '/api/config/certificate-templates/:id/preview',
    {
      ...auth,
      schema: {
        operationId: 'previewCertificateTemplate',
        tags,
        summary: 'A template (in force, or a draft) drawn as a stamped PDF with a sample or a real record',
        description:
          'Without `eventId` the record is made up (no personal data). With `eventId` the record must be a ' +
          "registered record of the template's event that the caller may read (403 otherwise); the view is " +
          'audited on the record. A draft `template` is checked as a save would be (400 naming the problem).',
        params: Params,
        body: z.object({
          template: CertificateTemplate.optional(),
          eventId: z.uuid().optional(),
        }),
        produces: ['application/pdf'],
        response: { 200: z.unknown().describe('the PDF (application/pdf)'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const pdf = await templatePreview(ctx, request.user, request.params.id, request.body, request.ip);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="template-preview.pdf"')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
