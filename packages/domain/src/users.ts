import { z } from 'zod';
import { normalizeName } from './names.ts';

/** pending: invited, not yet activated; active: may log in; deactivated: may not, until reactivated. */
export const UserStatus = z.enum(['pending', 'active', 'deactivated']);
export type UserStatus = z.infer<typeof UserStatus>;

/** Where one-time codes and other messages reach a member of staff. */
export const NotificationChannel = z.enum(['email', 'sms']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

const name = z.string().trim().min(1, 'is required').max(100);
const email = z.string().trim().toLowerCase().max(254).pipe(z.email('is not an email address'));
// The country's pattern is checked by the server (it is config); here only the shape.
const mobile = z.string().trim().min(3).max(32);
const nid = z.string().trim().min(1).max(64);
const language = z.string().regex(/^[a-z]{2}$/, 'is a two-letter language code');

/** `POST /api/users`: a new member of staff, invited by email or SMS. At least one of email or mobile. */
export const NewUserInput = z.object({
  firstname: name,
  surname: name,
  role: z.string().min(1).max(64),
  primaryOfficeId: z.string().min(1).max(64),
  email: email.optional(),
  mobile: mobile.optional(),
  nid: nid.optional(),
  language: language.optional().describe("the user's language for messages (default: the country's)"),
  preferredChannel: NotificationChannel.optional().describe('where codes go when both email and SMS are set up'),
});
export type NewUserInput = z.infer<typeof NewUserInput>;

/** `PATCH /api/users/{id}`: only the fields sent change; null clears an optional one. */
export const UserUpdateInput = z
  .object({
    firstname: name,
    surname: name,
    role: z.string().min(1).max(64),
    primaryOfficeId: z.string().min(1).max(64),
    email: email.nullable(),
    mobile: mobile.nullable(),
    nid: nid.nullable(),
    language,
    preferredChannel: NotificationChannel.nullable(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, 'send at least one field to change');
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

/** Deactivate or reactivate: why, for the audit trail. */
export const StatusChangeInput = z.object({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});
export type StatusChangeInput = z.infer<typeof StatusChangeInput>;

/** A member of staff as administrators see them (team page, user page). */
export const UserDetails = z.object({
  id: z.string(),
  username: z.string(),
  firstname: z.string(),
  surname: z.string(),
  role: z.string(),
  primaryOfficeId: z.string(),
  status: UserStatus,
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  nid: z.string().nullable(),
  language: z.string(),
  preferredChannel: NotificationChannel.nullable(),
  /** Locked after too many wrong passwords, until this time. */
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  hasSignature: z.boolean(),
  /** The pending invitation, when the user has not activated yet. */
  invitation: z.object({ expiresAt: z.string(), expired: z.boolean() }).nullable(),
});
export type UserDetails = z.infer<typeof UserDetails>;

export const UserPage = z.object({ results: z.array(UserDetails), total: z.number().int() });
export type UserPage = z.infer<typeof UserPage>;

/**
 * The username the reference system would give: first initial, ".", surname; lower case, accents dropped,
 * spaces and other punctuation as "-". "Zoë N'gandu Phiri" -> "z.ngandu-phiri". The server adds a number when
 * the name is taken ("z.ngandu-phiri1").
 */
export function usernameBase(firstname: string, surname: string): string {
  const initial = normalizeName(firstname)
    .replace(/[^a-z0-9]/g, '')
    .charAt(0);
  const last = normalizeName(surname)
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/ +/g, '-')
    .slice(0, 50);
  return `${initial || 'x'}.${last || 'user'}`;
}
