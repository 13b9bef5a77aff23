import { z } from 'zod';
import { isTimeZone } from './dates.ts';
import { PASSWORD_MIN_LENGTH } from './password.ts';

/** A regular expression the runtime can compile (national ID, phone numbers). */
export const Pattern = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/**
 * Registration number format: {eventCode} (B, D...), {year} (4 digits), {seq:N} (national sequence, N digits),
 * with letters, digits, `-` and `/` between. {seq} is required: the database sequence is what makes numbers unique.
 */
export const RegistrationNumberFormat = z
  .string()
  .max(40)
  .regex(/\{seq:\d+\}/, 'the format must contain {seq:N}')
  .regex(
    /^(?:[A-Za-z0-9/-]|\{eventCode\}|\{year\}|\{seq:(?:[4-9]|1[0-2])\})+$/,
    'use only {eventCode}, {year}, {seq:N} (N from 4 to 12), letters, digits, - and /',
  );

export const ApplicationSettings = z.object({
  /** ISO 3166 alpha-3 code of the country, used as the country of domestic addresses. */
  countryCode: z.string().regex(/^[A-Z]{3}$/),
  countryName: z.string().min(1),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  defaultLanguage: z.string().regex(/^[a-z]{2}$/),
  timeZone: z.string().refine(isTimeZone, 'not a time zone this runtime knows'),
  currency: z.object({ code: z.string().regex(/^[A-Z]{3}$/), languagesAndCountry: z.array(z.string()).optional() }),
  phoneNumberPattern: Pattern,
  nationalIdPattern: Pattern,
  /** URI naming the country's national ID numbers in other systems (FHIR Identifier.system). */
  nationalIdSystem: z.url().optional(),
  registrationNumberFormat: RegistrationNumberFormat,
  /** The country's emblem shown in the app's header: a PNG, JPEG or SVG as a data URL of at most 200 kB. */
  logo: z
    .string()
    .max(270_000, 'the logo must be at most 200 kB')
    .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, 'the logo must be a PNG, JPEG or SVG data URL')
    .optional(),
  /** Least length of a new password (the policy's other rules stay); bounded so it can only be made stricter. */
  passwordMinLength: z.number().int().min(PASSWORD_MIN_LENGTH).max(64).optional(),
  /** How long a login lasts without entering the password again; at most a week. */
  sessionHours: z.number().int().min(1).max(168).optional(),
});
export type ApplicationSettings = z.infer<typeof ApplicationSettings>;

/** Fill a registration number format. `sequence` comes from the database sequence. */
export function formatRegistrationNumber(format: string, input: { eventCode: string; year: number; sequence: number }) {
  return format
    .replaceAll('{eventCode}', input.eventCode)
    .replaceAll('{year}', String(input.year))
    .replace(/\{seq:(\d+)\}/g, (_, digits: string) => String(input.sequence).padStart(Number(digits), '0'));
}
