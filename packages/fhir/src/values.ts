import type { Address, CodeableConcept, Coding, Extension, HumanName } from 'fhir/r4';
import { textIn, type FhirCoding, type FieldConfig, type NameValue } from '@lifeline/domain';
import { locationUrl, type FhirContext } from './context.ts';
import { localUris, SYSTEMS } from './systems.ts';

/** Labels in documents are in the country's default language. */
export function label(ctx: FhirContext, text: Parameters<typeof textIn>[0]): string {
  return textIn(text, ctx.settings.defaultLanguage);
}

export function humanName(value: unknown): HumanName | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = value as NameValue;
  const given = [name.firstname, name.middlename].map((p) => p?.trim()).filter((p): p is string => !!p);
  const family = name.surname?.trim();
  if (!given.length && !family) return undefined;
  return { use: 'official', ...(family ? { family } : {}), ...(given.length ? { given } : {}) };
}

/** The option's label of a select field, or the value itself when the field has no such option. */
export function optionLabel(ctx: FhirContext, field: FieldConfig, value: string): string {
  const option = 'options' in field ? field.options.find((o) => o.value === value) : undefined;
  return option ? label(ctx, option.label) : value;
}

/** A select's answer as a concept: the standard code when the mapping gives one, else the country's own. */
export function optionConcept(
  ctx: FhirContext,
  eventId: string,
  field: FieldConfig,
  value: string,
  codes: Record<string, FhirCoding> | undefined,
): CodeableConcept {
  const text = optionLabel(ctx, field, value);
  const standard = codes?.[value];
  const coding: Coding = standard ?? {
    system: localUris(ctx.mapping.baseUri).field(eventId, field.id),
    code: value,
    display: text,
  };
  return { coding: [coding], text };
}

export function countryConcept(code: string): CodeableConcept {
  return { coding: [{ system: SYSTEMS.iso3166, code }] };
}

interface DomesticAddressValue {
  country: string;
  addressType: 'DOMESTIC';
  administrativeArea: string;
  town?: string;
  residentialArea?: string;
  street?: string;
  number?: string;
  zipCode?: string;
}
interface InternationalAddressValue {
  country: string;
  addressType: 'INTERNATIONAL';
  state: string;
  district2: string;
  cityOrTown?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  postcodeOrZip?: string;
}

const present = (parts: Array<string | undefined>) => parts.map((p) => p?.trim()).filter((p): p is string => !!p);

/**
 * A form ADDRESS as a FHIR Address. A domestic address names its administrative areas (province as state, district,
 * and the areas below in the lines) and keeps the area's id in an extension, so the receiver can tell areas apart
 * that share a name.
 */
export function address(ctx: FhirContext, value: unknown): Address | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as DomesticAddressValue | InternationalAddressValue;
  if (v.addressType === 'INTERNATIONAL') {
    const line = present([v.addressLine1, v.addressLine2, v.addressLine3]);
    return {
      use: 'home',
      type: 'physical',
      ...(line.length ? { line } : {}),
      ...(v.cityOrTown ? { city: v.cityOrTown } : {}),
      district: v.district2,
      state: v.state,
      ...(v.postcodeOrZip ? { postalCode: v.postcodeOrZip } : {}),
      country: v.country,
    };
  }
  if (v.addressType !== 'DOMESTIC') return undefined;
  const names = ctx.locations.path(v.administrativeArea).map((id) => ctx.locations.get(id)?.name ?? id);
  const [state, district, ...below] = names;
  const street = present([v.number, v.street]).join(' ');
  const line = present([street, v.residentialArea, ...below.reverse()]);
  const extension: Extension[] = ctx.locations.get(v.administrativeArea)
    ? [
        {
          url: localUris(ctx.mapping.baseUri).addressArea,
          valueReference: { reference: locationUrl(ctx, v.administrativeArea) },
        },
      ]
    : [];
  return {
    ...(extension.length ? { extension } : {}),
    use: 'home',
    type: 'physical',
    ...(line.length ? { line } : {}),
    ...(v.town ? { city: v.town } : {}),
    ...(district ? { district } : {}),
    ...(state ? { state } : {}),
    ...(v.zipCode ? { postalCode: v.zipCode } : {}),
    country: v.country,
  };
}

export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}
