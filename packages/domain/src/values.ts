import { z } from 'zod';

/**
 * Shapes of declaration values, one per field type. These check form only; rules that depend on the
 * field's config (patterns, limits, locations) are checked in validation.ts.
 */
const NAME_PART = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
// A blank part is a missing answer (complete declarations require firstname and surname), not a bad one.
const namePart = z.string().trim().regex(NAME_PART, "use letters, spaces, - and ' only").or(z.literal(''));

export const NameValue = z.strictObject({
  firstname: namePart.optional(),
  middlename: namePart.optional(),
  surname: namePart.optional(),
});
export type NameValue = z.infer<typeof NameValue>;

export const DomesticAddress = z.strictObject({
  country: z.string().regex(/^[A-Z]{3}$/),
  addressType: z.literal('DOMESTIC'),
  administrativeArea: z.string().min(1).max(64),
  town: z.string().max(200).optional(),
  residentialArea: z.string().max(200).optional(),
  street: z.string().max(200).optional(),
  number: z.string().max(50).optional(),
  zipCode: z.string().max(20).optional(),
});

export const InternationalAddress = z.strictObject({
  country: z.string().regex(/^[A-Z]{3}$/),
  addressType: z.literal('INTERNATIONAL'),
  state: z.string().min(1).max(200),
  district2: z.string().min(1).max(200),
  cityOrTown: z.string().max(200).optional(),
  addressLine1: z.string().max(200).optional(),
  addressLine2: z.string().max(200).optional(),
  addressLine3: z.string().max(200).optional(),
  postcodeOrZip: z.string().max(20).optional(),
});

export const AddressValue = z.discriminatedUnion('addressType', [DomesticAddress, InternationalAddress]);
export type AddressValue = z.infer<typeof AddressValue>;

/** A stored file: `path` is the content address returned by the files API (`/api/files/<SHA-256>`). */
export const FileValue = z.strictObject({
  path: z.string().regex(/^\/api\/files\/[0-9a-f]{64}$/, 'the path the files API returned for the upload'),
  originalFilename: z.string().min(1).max(255),
  type: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/),
});
export type FileValue = z.infer<typeof FileValue>;

export const FileWithOptionValue = FileValue.extend({ option: z.string().min(1) });

export const NumberWithUnitValue = z.strictObject({ numericValue: z.number().finite(), unit: z.string().min(1) });

export const CalendarDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
