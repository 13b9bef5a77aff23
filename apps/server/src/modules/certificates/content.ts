import {
  dateOfEvent,
  evaluate,
  formFields,
  fullName,
  isEmptyValue,
  placeOfEvent,
  todayIn,
  type CertificateConfig,
  type CertificateKind,
  type CertificateLayout,
  type CertificateLabels,
  type CertificateTemplate,
  type CertificateValue,
  type EventConfig,
  type EventState,
  type Text,
} from '@lifeline/domain';
import type { Country } from '../../country.ts';

/**
 * Everything a certificate shows, resolved at print time and stored with it: the PDF is drawn from this alone, so
 * the same certificate gives the same document for ever, whatever later happens to the record or the config.
 */
export interface CertificateContent {
  /** 1: printed before templates had layouts (drawn with the standard layout); 2: carries its layout. */
  version: 1 | 2;
  certificateId: string;
  templateId: string;
  /** The version of the template in force at the print (0: the country package's). */
  templateVersion?: number;
  /** Where everything went on the page, as in force at the print (images included). */
  layout?: CertificateLayout;
  /** Values of the layout's `field` elements, by `field|format`. */
  values?: Record<string, Text>;
  kind: CertificateKind;
  eventType: string;
  languages: string[];
  header: { country: Text; authority: Text };
  labels: CertificateLabels;
  title: Text;
  statement: Text;
  registrationNumber: string;
  sections: Array<{ title: Text; lines: Array<{ label: Text; value: Text }> }>;
  certification: { office: string; date: Text };
  /** `signatureFileId`: the registrar's electronic signature in force when they registered the record (a PNG). */
  registrar: { name: string; keyId: string; signatureFileId?: string };
  /** The verification page (printed as text) and the QR code's content (the page with the signed payload). */
  verifyUrl: string;
  qrText: string;
  printedAt: string;
}

const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };
export const NO_ANSWER = '—';

/** The same text in every language. */
export function same(languages: string[], value: string): Text {
  return Object.fromEntries(languages.map((l) => [l, value]));
}

/** A calendar date in words, per language: "1 June 2025" / "1 juin 2025". */
export function dateInWords(languages: string[], date: string): Text {
  return Object.fromEntries(
    languages.map((l) => [
      l,
      new Intl.DateTimeFormat(LOCALES[l] ?? l, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${date}T00:00:00Z`)),
    ]),
  );
}

/** The calendar date of an instant in the country's time zone. */
export function calendarDate(country: Country, instant: string | Date): string {
  return todayIn(country.config.settings.timeZone, new Date(instant));
}

/** "Ibombo District Hospital, Ibombo, Central": the place and the areas it sits in, smallest first. */
export function placeName(country: Country, id: string | null): string {
  if (!id) return '';
  return country.locations
    .path(id)
    .map((p) => country.locations.get(p)?.name ?? p)
    .reverse()
    .join(', ');
}

/** What a certificate may print that the record's state does not hold (read from its action log). */
export interface RecordFacts {
  /** The paper register page a transcribed record comes from; absent for any other record. */
  transcribedFrom?: string | null;
}

interface Source {
  country: Country;
  certificates: CertificateConfig;
  event: EventConfig;
  state: EventState;
  facts?: RecordFacts;
}

function fact(source: Source, field: string): unknown {
  const { event, state, country } = source;
  switch (field) {
    case '$registrationNumber':
      return state.registrationNumber;
    case '$registrationDate':
      return state.registeredAt ? calendarDate(country, state.registeredAt) : null;
    case '$registrationOffice':
      return state.registeredAtLocation;
    case '$dateOfEvent':
      return dateOfEvent(event, state.declaration);
    case '$placeOfEvent':
      return placeOfEvent(event, state.declaration);
    case '$transcribedFrom':
      return source.facts?.transcribedFrom ?? null;
    default:
      return state.declaration[field];
  }
}

/** One value written per language, or null when unanswered. */
function formatValue(source: Source, value: CertificateValue): Text | null {
  const raw = fact(source, value.field);
  if (isEmptyValue(raw)) return null;
  const { languages, countryNames, labels } = source.certificates;
  const { country } = source;
  switch (value.format) {
    case 'name':
      return same(languages, fullName(raw));
    case 'date':
      return typeof raw === 'string' ? dateInWords(languages, raw) : null;
    case 'option': {
      const field = formFields(source.event).find((f) => f.field.id === value.field)?.field;
      const option =
        field && 'options' in field ? field.options.find((o: { value: string }) => o.value === raw) : undefined;
      return option ? option.label : same(languages, String(raw));
    }
    case 'location':
      return same(languages, country.locations.get(String(raw))?.name ?? String(raw));
    case 'place':
      return same(languages, placeName(country, String(raw)));
    case 'country':
      return countryNames[String(raw)] ?? same(languages, String(raw));
    case 'age':
      return Object.fromEntries(languages.map((l) => [l, `${String(raw)} ${labels.years[l] ?? ''}`.trim()]));
    case 'text':
      return same(languages, typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
  }
}

/** The template's sections filled from the record: the first answered value of each shown line. */
export function fillSections(
  country: Country,
  certificates: CertificateConfig,
  event: EventConfig,
  state: EventState,
  template: CertificateTemplate,
  facts: RecordFacts = {},
): CertificateContent['sections'] {
  const source: Source = { country, certificates, event, state, facts };
  const today = country.today();
  return template.sections.map((section) => ({
    title: section.title,
    lines: section.lines
      .filter((line) => !line.showIf || evaluate(line.showIf, { values: state.declaration, today }))
      .map((line) => ({
        label: line.label,
        value: line.values.map((v) => formatValue(source, v)).find((t): t is Text => t !== null) ?? null,
        hideWhenEmpty: line.hideWhenEmpty ?? false,
      }))
      .filter((line) => line.value !== null || !line.hideWhenEmpty)
      .map((line) => ({ label: line.label, value: line.value ?? same(certificates.languages, NO_ANSWER) })),
  }));
}

/** The values the layout's `field` elements print, resolved from the record (stored with the certificate). */
export function fillLayoutValues(
  country: Country,
  certificates: CertificateConfig,
  event: EventConfig,
  state: EventState,
  layout: CertificateLayout,
  languages: string[],
  facts: RecordFacts = {},
): Record<string, Text> {
  const source: Source = { country, certificates: { ...certificates, languages }, event, state, facts };
  const values: Record<string, Text> = {};
  for (const element of layout.elements) {
    if (element.type !== 'field') continue;
    values[`${element.field}|${element.format}`] =
      formatValue(source, { field: element.field, format: element.format }) ?? same(languages, NO_ANSWER);
  }
  return values;
}
