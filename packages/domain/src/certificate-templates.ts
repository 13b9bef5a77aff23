import { checkCertificateConfig, CertificateTemplate } from './certificates.ts';
import type { CountryConfig } from './country.ts';

/**
 * Certificate templates changed in the app: each template of the country package can be replaced by a new
 * version (texts, sections, layout). A version is checked with the whole certificates section, as at start, so
 * the server never holds a template it would have refused to start with. New prints only: a print stores what
 * it printed (see the certificates module).
 */

/** A problem with a template version, named by its place in the template (e.g. `template.layout.elements[2]`). */
export class CertificateTemplateError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(problem);
  }
}

/** The package config with these templates (by id) in place of the package's; throws CertificateTemplateError. */
export function applyCertificateTemplates(
  config: CountryConfig,
  overrides: Record<string, CertificateTemplate>,
): CountryConfig {
  const ids = Object.keys(overrides);
  if (!ids.length) return config;
  if (!config.certificates) throw new CertificateTemplateError('template', 'this country prints no certificates');
  for (const id of ids) {
    const was = config.certificates.templates.find((t) => t.id === id);
    const template = overrides[id];
    if (!was) throw new CertificateTemplateError('template.id', `the country has no template "${id}"`);
    if (template.id !== id) throw new CertificateTemplateError('template.id', `must be "${id}"`);
    for (const key of ['event', 'kind'] as const) {
      if (template[key] !== was[key]) {
        throw new CertificateTemplateError(`template.${key}`, `must stay "${was[key]}" (the package's)`);
      }
    }
  }
  const templates = config.certificates.templates.map((t) => overrides[t.id] ?? t);
  const certificates = { ...config.certificates, templates };
  const problem = checkCertificateConfig(certificates, config.events);
  if (problem) {
    throw new CertificateTemplateError(
      problem.field.replace(/^templates\[\d+\]/, 'template'),
      // The template is named by the route: drop the package check's "in template ..." suffix.
      problem.problem.replace(/ \(template "[^"]+"\)$| in template "[^"]+"$/, ''),
    );
  }
  return { ...config, certificates };
}

/** Parse a stored template version (throws on a shape the schema refuses). */
export const parseCertificateTemplate = (data: unknown) => CertificateTemplate.parse(data);

/** What the editor offers for a template: message keys, fields of its form and facts. */
export interface CertificateTemplateView {
  id: string;
  version: number;
  template: CertificateTemplate;
  packageTemplate: CertificateTemplate;
  languages: string[];
  messageKeys: string[];
  fields: Array<{ id: string; label: string }>;
}

/** One template in the list of templates. */
export interface CertificateTemplateSummary {
  id: string;
  event: string;
  kind: string;
  title: string;
  version: number;
  hasLayout: boolean;
}
