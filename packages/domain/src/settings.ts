import { z } from 'zod';
import { isTimeZone } from './dates.ts';

export const ApplicationSettings = z.object({
  /** ISO 3166 alpha-3 code of the country, used as the country of domestic addresses. */
  countryCode: z.string().regex(/^[A-Z]{3}$/),
  countryName: z.string().min(1),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  defaultLanguage: z.string().regex(/^[a-z]{2}$/),
  timeZone: z.string().refine(isTimeZone, 'not a time zone this runtime knows'),
  currency: z.object({ code: z.string().regex(/^[A-Z]{3}$/), languagesAndCountry: z.array(z.string()).optional() }),
  phoneNumberPattern: z.string(),
  nationalIdPattern: z.string(),
  /** URI naming the country's national ID numbers in other systems (FHIR Identifier.system). */
  nationalIdSystem: z.url().optional(),
  /**
   * Registration number format: {eventCode} (B, D...), {year} (4 digits), {seq:N} (national sequence, N digits).
   * {seq} is required: the database sequence is what makes numbers unique.
   */
  registrationNumberFormat: z.string().regex(/\{seq:\d+\}/, 'the format must contain {seq:N}'),
});
export type ApplicationSettings = z.infer<typeof ApplicationSettings>;

/** Fill a registration number format. `sequence` comes from the database sequence. */
export function formatRegistrationNumber(format: string, input: { eventCode: string; year: number; sequence: number }) {
  return format
    .replaceAll('{eventCode}', input.eventCode)
    .replaceAll('{year}', String(input.year))
    .replace(/\{seq:(\d+)\}/g, (_, digits: string) => String(input.sequence).padStart(Number(digits), '0'));
}
