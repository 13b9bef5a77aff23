import { z } from 'zod';
import type { Action } from './actions.ts';
import { NonBlankText } from './input.ts';

const JsonRecord = z.record(z.string(), z.unknown());

const TransactionIdText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'use letters, digits, -, _, . and : (a UUID is ideal)');

/** The national ID system confirms a registration it was asked for: the child's new national ID. */
export const ConfirmRegistrationBody = z.strictObject({
  nationalId: z.string().min(1).max(50).describe("the child's new national ID (the country's nationalIdPattern)"),
  transactionId: TransactionIdText.optional().describe(
    'client-generated id; default: one per request, so a repeated confirmation writes nothing',
  ),
});
export type ConfirmRegistrationBody = z.infer<typeof ConfirmRegistrationBody>;

/** The national ID system refuses a registration: the declaration goes back for updates with the reason. */
export const RejectRegistrationBody = z.strictObject({
  reason: NonBlankText(1000).describe('why the national ID system refused it (shown to the registry staff)'),
  transactionId: TransactionIdText.optional().describe('client-generated id; default: one per request'),
});
export type RejectRegistrationBody = z.infer<typeof RejectRegistrationBody>;

export type RegistrationAnswer =
  ({ kind: 'confirm' } & ConfirmRegistrationBody) | ({ kind: 'reject' } & RejectRegistrationBody);

/** The national ID the national ID system gave the record's subject on confirming its registration, if any. */
export function confirmedNationalId(actions: readonly Action[]): string | null {
  const confirmed = actions.findLast(
    (a) => a.type === 'REGISTER' && a.status === 'Accepted' && typeof a.content?.nationalId === 'string',
  );
  return (confirmed?.content?.nationalId as string | undefined) ?? null;
}

/** The people of a record whose identity can be checked with the national ID provider (their form section). */
export const IdentityPerson = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a section of the form, e.g. mother');

/** What the provider vouches for, from its ID token and userinfo (OpenID Connect standard claims). */
export interface VerifiedClaims {
  givenName?: string;
  familyName?: string;
  birthdate?: string;
  gender?: string;
  nationalId?: string;
}

/** Read the standard claims (and the national ID claim the country names) from a provider's answer. */
export function verifiedClaims(raw: Record<string, unknown>, nationalIdClaim: string): VerifiedClaims {
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  let givenName = text('given_name');
  let familyName = text('family_name');
  const full = text('name');
  if (!givenName && !familyName && full) {
    const words = full.trim().split(/\s+/);
    familyName = words.length > 1 ? words.pop() : undefined;
    givenName = words.join(' ');
  }
  const birthdate = text('birthdate');
  return {
    ...(givenName ? { givenName } : {}),
    ...(familyName ? { familyName } : {}),
    ...(birthdate && /^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? { birthdate } : {}),
    ...(text('gender') ? { gender: text('gender')!.toLowerCase() } : {}),
    ...(text(nationalIdClaim) ? { nationalId: text(nationalIdClaim) } : {}),
  };
}

interface FormLike {
  pages: ReadonlyArray<{
    fields: ReadonlyArray<{ id: string; type: string; options?: ReadonlyArray<{ value: string }> }>;
  }>;
}

/**
 * The declaration values verified claims fill for one person of a form (`mother.name`, `mother.dob`, `mother.nid`
 * with `mother.idType` NATIONAL_ID, `.gender`): only fields the form has, only values it accepts. These fields are
 * then locked: a declaration may not change them while the check stands.
 */
export function verifiedFields(form: FormLike, person: string, claims: VerifiedClaims): Record<string, unknown> {
  const fields = new Map(form.pages.flatMap((p) => p.fields).map((f) => [f.id, f]));
  const has = (suffix: string, type?: string) => {
    const field = fields.get(`${person}.${suffix}`);
    return field && (!type || field.type === type) ? field : undefined;
  };
  const values: Record<string, unknown> = {};
  if (claims.givenName && claims.familyName && has('name', 'NAME')) {
    values[`${person}.name`] = { firstname: claims.givenName, surname: claims.familyName };
  }
  if (claims.birthdate && has('dob', 'DATE')) {
    values[`${person}.dob`] = claims.birthdate;
    if (has('dobUnknown')) values[`${person}.dobUnknown`] = null;
  }
  const gender = has('gender');
  if (claims.gender && gender?.options?.some((o) => o.value === claims.gender)) {
    values[`${person}.gender`] = claims.gender;
  }
  if (claims.nationalId && has('nid')) {
    values[`${person}.nid`] = claims.nationalId;
    if (has('idType')?.options?.some((o) => o.value === 'NATIONAL_ID')) values[`${person}.idType`] = 'NATIONAL_ID';
  }
  return values;
}

/** A verified identity check of one person of a record, as the API shows it. */
export const IdentityCheckView = z.object({
  id: z.string(),
  eventId: z.string(),
  person: z.string(),
  status: z.enum(['pending', 'verified']),
  verifiedAt: z.string().nullable(),
  claims: z
    .object({
      givenName: z.string().optional(),
      familyName: z.string().optional(),
      birthdate: z.string().optional(),
      gender: z.string().optional(),
      nationalId: z.string().optional(),
    })
    .nullable(),
  fields: JsonRecord.nullable().describe('the declaration values the claims fill; locked while the check stands'),
});
export type IdentityCheckView = z.infer<typeof IdentityCheckView>;
