import {
  applyCertificateTemplates,
  CERTIFICATE_FACTS,
  CERTIFICATE_MESSAGE_KEYS,
  CertificateTemplateError,
  formFields,
  parseCertificateTemplate,
  textIn,
  type CertificateTemplate,
  type CertificateTemplateSummary,
  type CertificateTemplateView,
} from '@lifeline/domain';
import { PDFDocument } from 'pdf-lib';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { findVersion, lockLayer } from '../settings/repository.ts';
import { templateLayer } from '../settings/runtime.ts';
import { recordVersion, requireConfigAdmin, runtimeOf, settingsVersions } from '../settings/service.ts';

const WHAT = 'certificate templates';

/** The template of the package with this id (the list of templates is the package's), or 404. */
function packageTemplate(ctx: AppContext, id: string): CertificateTemplate {
  const template = runtimeOf(ctx).base.certificates?.templates.find((t) => t.id === id);
  if (!template) throw notFound(`there is no certificate template "${id}"`);
  return template;
}

/** The template in force on this copy. */
export function templateInForce(ctx: AppContext, id: string): CertificateTemplate {
  packageTemplate(ctx, id);
  return ctx.country.config.certificates!.templates.find((t) => t.id === id)!;
}

export function listTemplates(ctx: AppContext, user: AuthUser): CertificateTemplateSummary[] {
  requireConfigAdmin(user, WHAT);
  const runtime = runtimeOf(ctx);
  const language = ctx.country.config.settings.defaultLanguage;
  return (runtime.base.certificates?.templates ?? []).map((t) => {
    const template = templateInForce(ctx, t.id);
    return {
      id: t.id,
      event: t.event,
      kind: t.kind,
      title: textIn(template.title, language),
      version: runtime.templateVersions.get(t.id) ?? 0,
      hasLayout: !!template.layout,
    };
  });
}

export function templateView(ctx: AppContext, user: AuthUser, id: string): CertificateTemplateView {
  requireConfigAdmin(user, WHAT);
  const base = packageTemplate(ctx, id);
  const template = templateInForce(ctx, id);
  const event = ctx.country.events.get(template.event)!;
  const language = ctx.country.config.settings.defaultLanguage;
  return {
    id,
    version: runtimeOf(ctx).templateVersions.get(id) ?? 0,
    template,
    packageTemplate: base,
    languages: template.layout?.languages ?? ctx.country.config.certificates!.languages,
    messageKeys: [...CERTIFICATE_MESSAGE_KEYS],
    fields: [
      ...CERTIFICATE_FACTS.map((f) => ({ id: f, label: f.slice(1) })),
      ...formFields(event).map(({ field, page }) => ({
        id: field.id,
        label: `${textIn(page.title, language)}: ${textIn(field.label, language)}`,
      })),
    ],
  };
}

/**
 * A template checked as the server would hold it (the whole certificates section, as at start, and every image
 * readable by the PDF library, so no print can fail on it); 400 names the problem.
 */
export async function checkTemplate(ctx: AppContext, id: string, template: CertificateTemplate): Promise<void> {
  const refuse = (field: string, message: string): never => {
    throw badRequest(`${field}: ${message}`, [{ field, message }]);
  };
  try {
    applyCertificateTemplates(ctx.country.config, { [id]: template });
  } catch (error) {
    if (error instanceof CertificateTemplateError) refuse(error.field, error.message);
    throw error;
  }
  const doc = await PDFDocument.create();
  for (const [name, dataUrl] of Object.entries(template.layout?.images ?? {})) {
    const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    try {
      await (dataUrl.startsWith('data:image/png') ? doc.embedPng(bytes) : doc.embedJpg(bytes));
    } catch {
      refuse(`template.layout.images.${name}`, 'not a readable PNG or JPEG image');
    }
  }
}

/**
 * Save a new version of a template: checked (a refused template changes nothing), audited in the same
 * transaction, in force on every copy once committed. Prints made before keep what they printed.
 */
export async function updateTemplate(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  input: { template: CertificateTemplate; reason: string; baseVersion?: number },
) {
  requireConfigAdmin(user, WHAT);
  packageTemplate(ctx, id);
  await checkTemplate(ctx, id, input.template);
  const layer = templateLayer(id);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockLayer(trx, layer);
    if (input.baseVersion !== undefined && input.baseVersion !== current) {
      throw conflict(`the template changed meanwhile (version ${current}, not ${input.baseVersion}): reload it`);
    }
    await recordVersion(trx, user, layer, {
      version: current + 1,
      data: input.template,
      reason: input.reason,
      rollbackOf: null,
    });
  });
  await runtimeOf(ctx).live.refresh(layer);
  return templateView(ctx, user, id);
}

/** Put an earlier version of a template back in force, as a new version (0 = the country package's). */
export async function rollbackTemplate(ctx: AppContext, user: AuthUser, id: string, to: number, reason: string) {
  requireConfigAdmin(user, WHAT);
  const base = packageTemplate(ctx, id);
  const layer = templateLayer(id);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockLayer(trx, layer);
    const target = to === 0 ? { data: base } : await findVersion(trx, layer, to);
    if (!target || to > current) throw notFound(`template "${id}" has no version ${to}`);
    let template: CertificateTemplate;
    try {
      template = parseCertificateTemplate(target.data);
      applyCertificateTemplates(ctx.country.config, { [id]: template });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw conflict(`version ${to} of "${id}" no longer fits the country package: ${why}`);
    }
    await recordVersion(trx, user, layer, { version: current + 1, data: template, reason, rollbackOf: to });
  });
  await runtimeOf(ctx).live.refresh(layer);
  return templateView(ctx, user, id);
}

export function templateVersions(ctx: AppContext, user: AuthUser, id: string, page: { limit: number; offset: number }) {
  requireConfigAdmin(user, WHAT);
  packageTemplate(ctx, id);
  return settingsVersions(ctx, user, templateLayer(id), page);
}

export async function templateVersion(ctx: AppContext, user: AuthUser, id: string, version: number) {
  requireConfigAdmin(user, WHAT);
  const base = packageTemplate(ctx, id);
  if (version === 0) return { version: 0, template: base };
  const row = await findVersion(ctx.db, templateLayer(id), version);
  if (!row) throw notFound(`template "${id}" has no version ${version}`);
  return {
    version: row.version,
    reason: row.reason,
    createdBy: row.createdBy,
    createdByRole: row.createdByRole,
    createdAt: row.createdAt.toISOString(),
    rollbackOf: row.rollbackOf,
    template: parseCertificateTemplate(row.data),
  };
}
