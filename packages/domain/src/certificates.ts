import { z } from 'zod';
import { referencedFields, Condition } from './conditions.ts';
import { formFields, type EventConfig } from './forms.ts';
import { Text } from './text.ts';
import { CertificateLayout, checkCertificateLayout } from './certificate-layout.ts';

/**
 * Certificates: templates (what a certificate says, section by section, in every language of the country) and
 * fees. The server fills a template from the record when it prints; the layout (A4, bilingual) is the server's.
 */

/** Facts of a record that are not form answers; a template names them with a leading `$`. */
export const CERTIFICATE_FACTS = [
  '$registrationNumber',
  '$registrationDate',
  '$registrationOffice',
  '$dateOfEvent',
  '$placeOfEvent',
  /** "Ibombo births, vol. 3, p. 12" for a record transcribed from a paper register; empty for any other. */
  '$transcribedFrom',
] as const;

/**
 * How a value is written: `name` (NAME parts), `date` (a calendar date in words, per language), `option` (the
 * label of a SELECT / RADIO answer), `location` (a location's name), `place` (name, district, province), `country`
 * (an ISO code through `countryNames`), `age` (years), `text` (as it is).
 */
export const CertificateValueFormat = z.enum(['text', 'name', 'date', 'option', 'location', 'place', 'country', 'age']);
export type CertificateValueFormat = z.infer<typeof CertificateValueFormat>;

export const CertificateValue = z.object({
  /** A declaration field id (e.g. `child.dob`) or a fact (e.g. `$registrationNumber`). */
  field: z.string().min(1),
  format: CertificateValueFormat,
});
export type CertificateValue = z.infer<typeof CertificateValue>;

export const CertificateLine = z.object({
  label: Text,
  /** The first of these with an answer is printed (e.g. date of birth, else age); none = "-". */
  values: z.array(CertificateValue).min(1),
  /** Print the line only when this holds (e.g. the cause of death only when medically certified). */
  showIf: Condition.optional(),
  /** Print the line only when one of its values has an answer (e.g. where a transcribed record came from). */
  hideWhenEmpty: z.boolean().optional(),
});
export type CertificateLine = z.infer<typeof CertificateLine>;

export const CertificateSection = z.object({ title: Text, lines: z.array(CertificateLine).min(1) });
export type CertificateSection = z.infer<typeof CertificateSection>;

/** The first print of a record is its certificate; every later print is a certified copy. */
export const CertificateKind = z.enum(['CERTIFICATE', 'CERTIFIED_COPY']);
export type CertificateKind = z.infer<typeof CertificateKind>;

export const CertificateTemplate = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'template ids are lowercase words joined by -'),
  event: z.string().min(1),
  kind: CertificateKind,
  title: Text,
  /** The sentence under the title, e.g. "This certifies that ... is recorded in the civil register". */
  statement: Text,
  sections: z.array(CertificateSection).min(1),
  /** Where everything goes on the page; absent = the standard A4 layout (see the certificates module). */
  layout: CertificateLayout.optional(),
});
export type CertificateTemplate = z.infer<typeof CertificateTemplate>;

const Money = z.number().min(0).max(1_000_000);

/** Fees of one event type in the country's currency, by registration timeliness (see `timeliness`). */
export const CertificateFees = z.object({
  onTime: Money,
  late: Money,
  /** Absent for events with no "delayed" band: the late fee applies. */
  delayed: Money.optional(),
  /** Every print after the first. */
  certifiedCopy: Money,
});
export type CertificateFees = z.infer<typeof CertificateFees>;

/** Fixed wording printed on every certificate. */
export const CertificateLabels = z.object({
  registrationNumber: Text,
  certificateId: Text,
  certifiedAt: Text,
  certifiedOn: Text,
  registrar: Text,
  electronicallySigned: Text,
  signingKey: Text,
  scanToVerify: Text,
  alterationWarning: Text,
  /** The unit of an age, e.g. "years". */
  years: Text,
});
export type CertificateLabels = z.infer<typeof CertificateLabels>;

export const CertificateConfig = z.object({
  /** Languages printed on each certificate, in order (one page, bilingual when two). */
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .min(1)
    .max(3),
  header: z.object({ country: Text, authority: Text }),
  labels: CertificateLabels,
  /** Fees per event type id. */
  fees: z.record(z.string(), CertificateFees),
  templates: z.array(CertificateTemplate).min(1),
  /** Names of nationalities by ISO alpha-3 code; codes without a name print as the code. */
  countryNames: z.record(z.string().regex(/^[A-Z]{3}$/), Text),
});
export type CertificateConfig = z.infer<typeof CertificateConfig>;

/** A problem in the certificates section, with the path of the offending field. */
export interface CertificateConfigProblem {
  field: string;
  problem: string;
}

/**
 * Cross-checks the schema cannot make: every event has fees, one certificate and one certified copy template;
 * templates name real form fields and facts; every text has every language printed.
 */
export function checkCertificateConfig(
  certificates: CertificateConfig,
  events: EventConfig[],
): CertificateConfigProblem | null {
  const ids = new Set<string>();
  for (const [ti, template] of certificates.templates.entries()) {
    const at = `templates[${ti}]`;
    if (ids.has(template.id)) return { field: `${at}.id`, problem: `duplicate template id "${template.id}"` };
    ids.add(template.id);
    const event = events.find((e) => e.id === template.event);
    if (!event) return { field: `${at}.event`, problem: `unknown event "${template.event}"` };
    const fields = new Set(formFields(event).map(({ field }) => field.id));
    const known = (id: string) => fields.has(id) || (CERTIFICATE_FACTS as readonly string[]).includes(id);
    const texts: Array<[string, Text]> = [
      [`${at}.title`, template.title],
      [`${at}.statement`, template.statement],
    ];
    for (const [si, section] of template.sections.entries()) {
      texts.push([`${at}.sections[${si}].title`, section.title]);
      for (const [li, line] of section.lines.entries()) {
        const where = `${at}.sections[${si}].lines[${li}]`;
        texts.push([`${where}.label`, line.label]);
        const unknown = [
          ...line.values.map((v) => v.field),
          ...(line.showIf ? referencedFields(line.showIf) : []),
        ].find((id) => !known(id));
        if (unknown) return { field: where, problem: `unknown field "${unknown}" in template "${template.id}"` };
      }
    }
    const languages = template.layout?.languages ?? certificates.languages;
    for (const [where, text] of texts) {
      const missing = languages.find((lang) => !text[lang]);
      if (missing) return { field: where, problem: `missing ${missing} text` };
    }
    if (template.layout) {
      const shared = [
        ...Object.entries(certificates.header).map(([k, text]) => [`header.${k}`, text] as const),
        ...Object.entries(certificates.labels).map(([k, text]) => [`labels.${k}`, text] as const),
      ];
      for (const [key, text] of shared) {
        const missing = languages.find((lang) => !text[lang]);
        if (missing) return { field: `${at}.layout.languages`, problem: `${key} has no ${missing} text` };
      }
      const problem = checkCertificateLayout(template.layout, known, languages);
      if (problem)
        return { field: `${at}.${problem.field}`, problem: `${problem.problem} (template "${template.id}")` };
    }
  }
  for (const event of events) {
    for (const kind of CertificateKind.options) {
      const count = certificates.templates.filter((t) => t.event === event.id && t.kind === kind).length;
      if (count !== 1) {
        return { field: 'templates', problem: `event "${event.id}" needs exactly one ${kind} template (has ${count})` };
      }
    }
    if (!certificates.fees[event.id]) return { field: `fees.${event.id}`, problem: `no fees for "${event.id}"` };
  }
  return null;
}

/** The template a print uses: the certificate the first time, a certified copy after. */
export function certificateTemplateFor(
  certificates: CertificateConfig,
  eventType: string,
  previousPrints: number,
): CertificateTemplate {
  const kind: CertificateKind = previousPrints === 0 ? 'CERTIFICATE' : 'CERTIFIED_COPY';
  const template = certificates.templates.find((t) => t.event === eventType && t.kind === kind);
  if (!template) throw new Error(`no ${kind} template for ${eventType}`);
  return template;
}

/** The fee of a print: by timeliness for the certificate, the certified copy fee after. */
export function certificateFee(
  fees: CertificateFees,
  kind: CertificateKind,
  timeliness: 'ON_TIME' | 'LATE' | 'DELAYED',
): number {
  if (kind === 'CERTIFIED_COPY') return fees.certifiedCopy;
  if (timeliness === 'ON_TIME') return fees.onTime;
  if (timeliness === 'LATE') return fees.late;
  return fees.delayed ?? fees.late;
}
