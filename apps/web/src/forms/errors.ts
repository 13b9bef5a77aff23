import type { FieldError } from '@lifeline/domain';

/** Formats one of this app's messages (react-intl's formatMessage, or a stand-in in tests). */
export type Translate = (id: string, values?: Record<string, string | number>) => string;

const RULES: Array<[RegExp, (m: RegExpExecArray, t: Translate) => string]> = [
  [/^required$/, (_, t) => t('forms.error.required')],
  [/^cannot be in the future$/, (_, t) => t('forms.error.future')],
  [/^not a real date/, (_, t) => t('forms.error.date')],
  [/^not a valid phone number$/, (_, t) => t('forms.error.phone')],
  [/^not a valid email address$/, (_, t) => t('forms.error.email')],
  [/^not a valid ID number/, (_, t) => t('forms.error.id')],
  [/^has the wrong format$/, (_, t) => t('forms.error.format')],
  [/^too long$/, (_, t) => t('forms.error.tooLong')],
  [/^(numericValue: .*|expected a number)$/, (_, t) => t('forms.error.number')],
  [/^expected a whole number$/, (_, t) => t('forms.error.integer')],
  [/^must be at least (.+)$/, (m, t) => t('forms.error.min', { min: m[1] })],
  [/^must be at most (.+)$/, (m, t) => t('forms.error.max', { max: m[1] })],
  [/^(firstname|surname): required$/, (m, t) => t(`forms.error.${m[1]}`)],
  [/^(firstname|middlename|surname): /, (m, t) => t('forms.error.nameChars', { part: t(`forms.name.${m[1]}`) })],
  [/^each part of the name is at most (\d+)/, (m, t) => t('forms.error.namePartMax', { max: m[1] })],
  [/^(unit: .*|unit must be one of .*)$/, (_, t) => t('forms.error.unit')],
  [/^must be one of /, (_, t) => t('forms.error.option')],
  [/^expected an ISO 3166/, (_, t) => t('forms.error.country')],
  [/^(no such location|must be a location of type .*|expected a location id)$/, (_, t) => t('forms.error.location')],
  [/^(administrativeArea|addressType|country): /, (_, t) => t('forms.error.area')],
  [/^(state|district2): /, (m, t) => t(`forms.error.${m[1]}`)],
  [/^(file type must be one of|type: )/, (_, t) => t('forms.error.fileType')],
  [/^document type must be one of/, (_, t) => t('forms.error.documentType')],
  [/^must not be given/, (_, t) => t('forms.error.hidden')],
];

/**
 * The domain's validation messages are English and terse ("required", "must be at most 6"): say them in the
 * user's language. Messages from the country config are already in that language and pass through unchanged.
 */
export function describeError(message: string, t: Translate): string {
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(message);
    if (match) return render(match, t);
  }
  return message;
}

/** One message per field (the first), keyed by field id. */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of errors) byField[e.field] ??= e.message;
  return byField;
}

/**
 * Split a server refusal's per-field errors into those of form fields (keyed by field id; the server may name
 * them `declaration.<id>` or `declaration.<id>.<part>`) and the rest.
 */
export function mapServerErrors(
  errors: ReadonlyArray<{ field: string; message: string }> | undefined,
  fieldIds: ReadonlySet<string>,
): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors ?? []) {
    let id = e.field.replace(/^(body\.)?declaration\./, '');
    while (id && !fieldIds.has(id) && id.includes('.')) id = id.slice(0, id.lastIndexOf('.'));
    if (fieldIds.has(id)) byField[id] ??= e.message;
    else other.push(`${e.field}: ${e.message}`);
  }
  return { byField, other };
}
