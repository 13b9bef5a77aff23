import type { CertificateTemplate, EventConfig, EventState } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { fillLayoutValues, fillSections, type CertificateContent, type RecordFacts } from './content.ts';
import { certificateConfig } from './fees.ts';

/** The version of a template in force on this copy (0: the country package's, or no settings layer followed). */
export function templateVersionInForce(ctx: Pick<AppContext, 'settings'>, templateId: string): number {
  return ctx.settings?.templateVersions.get(templateId) ?? 0;
}

/**
 * What a certificate takes from its template, filled from the record: texts, sections and, when the template
 * has a layout, the layout itself and its fields' values. Stored with the print, so the PDF never changes.
 */
export function contentFromTemplate(
  ctx: Pick<AppContext, 'country' | 'settings'>,
  event: EventConfig,
  state: EventState,
  template: CertificateTemplate,
  templateVersion = templateVersionInForce(ctx, template.id),
  facts: RecordFacts = {},
) {
  const config = certificateConfig(ctx.country);
  const languages = template.layout?.languages ?? config.languages;
  const forLanguages = { ...config, languages };
  const common = {
    templateId: template.id,
    templateVersion,
    kind: template.kind,
    eventType: event.id,
    languages,
    header: config.header,
    labels: config.labels,
    title: template.title,
    statement: template.statement,
    sections: fillSections(ctx.country, forLanguages, event, state, template, facts),
  };
  if (!template.layout) return { version: 1 as const, ...common } satisfies Partial<CertificateContent>;
  return {
    version: 2 as const,
    ...common,
    layout: template.layout,
    values: fillLayoutValues(ctx.country, forLanguages, event, state, template.layout, languages, facts),
  } satisfies Partial<CertificateContent>;
}
