import { randomUUID } from 'node:crypto';
import { Employee, passwordProblems, type FieldError } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, unauthorized } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { endUserSessions } from '../auth/index.ts';
import { generateOneTimePassword } from './one-time-password.ts';
import { detailErrors } from './validation.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { countUsers, findUserById, insertUser, lockUserById, setPasswordHash, type UserRow } from './repository.ts';
import { clientsAmong } from '../integrations/index.ts';

export interface NewUser {
  username: string;
  firstname: string;
  surname: string;
  role: string;
  primaryOfficeId: string;
  mobile?: string | null;
  email?: string | null;
  password: string;
  /** Make the user choose a new password after logging in (set when someone else chose this one). */
  mustChangePassword?: boolean;
}

/** Who did it, for the audit log; null for the system itself (`lifeline init`). */
export type Actor = { id: string; role: string } | null;

export interface UserProfile {
  id: string;
  username: string;
  name: string;
  firstname: string;
  surname: string;
  role: string;
  primaryOfficeId: string;
  mustChangePassword: boolean;
  /** The role's scopes as written in the country config, e.g. `record.register[event=birth,jurisdiction=area]`. */
  scopes: string[];
  language: string;
  /** False until the user has been through onboarding (signature if they sign, the welcome tour). */
  onboarded: boolean;
  hasSignature: boolean;
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === UNIQUE_VIOLATION;

const passwordErrors = (ctx: Pick<AppContext, 'country'>, field: string, password: string): FieldError[] =>
  passwordProblems(password, ctx.country.config.settings.passwordMinLength).map((message) => ({ field, message }));

function newUserErrors(ctx: AppContext, input: NewUser): FieldError[] {
  const errors: FieldError[] = [];
  const username = Employee.shape.username.safeParse(input.username);
  if (!username.success) errors.push({ field: 'username', message: username.error.issues[0].message });
  if (!input.firstname.trim()) errors.push({ field: 'firstname', message: 'is required' });
  if (!input.surname.trim()) errors.push({ field: 'surname', message: 'is required' });
  if (!ctx.country.roles.has(input.role))
    errors.push({ field: 'role', message: `no role "${input.role}" in the country config` });
  const office = ctx.country.locations.get(input.primaryOfficeId);
  if (!office || office.type === 'ADMIN_AREA') {
    errors.push({
      field: 'primaryOfficeId',
      message: `"${input.primaryOfficeId}" is not an office or health facility`,
    });
  }
  return [...errors, ...passwordErrors(ctx, 'password', input.password)];
}

/** Create a staff account. The password policy applies here, as on every path that sets a password. */
export async function createUser(ctx: AppContext, input: NewUser, actor: Actor = null): Promise<UserProfile> {
  const errors = newUserErrors(ctx, input);
  if (errors.length) throw badRequest('the user cannot be created as given', errors);
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertUser(trx, {
        id,
        username: input.username,
        firstname: input.firstname.trim(),
        surname: input.surname.trim(),
        role: input.role,
        primary_office_id: input.primaryOfficeId,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        status: 'active',
        password_hash: passwordHash,
        must_change_password: input.mustChangePassword ?? false,
        failed_logins: 0,
        locked_until: null,
        created_at: new Date(),
      });
      await appendAudit(trx, {
        stream: `user:${id}`,
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
        action: 'user.created',
        subjectType: 'user',
        subjectId: id,
        details: { username: input.username, role: input.role, primaryOfficeId: input.primaryOfficeId },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`the username "${input.username}" is taken`);
    throw error;
  }
  return profileOf(ctx, (await findUserById(ctx.db, id))!);
}

/**
 * Replace the user's own password after checking the current one; clears "must change password". Every other
 * login of the user ends (whoever else knew the old password is out); the login that changed it goes on.
 */
export async function changePassword(
  ctx: AppContext,
  caller: string | { id: string; sessionId?: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { id: userId, sessionId } = typeof caller === 'string' ? { id: caller, sessionId: undefined } : caller;
  const errors = passwordErrors(ctx, 'newPassword', input.newPassword);
  if (input.newPassword === input.currentPassword) {
    errors.push({ field: 'newPassword', message: 'must differ from the current password' });
  }
  if (errors.length) throw badRequest('the new password does not meet the password policy', errors);
  const user = await findUserById(ctx.db, userId);
  if (!user || user.status !== 'active') throw unauthorized('this account is no longer active');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw badRequest('the current password is wrong', [{ field: 'currentPassword', message: 'is wrong' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockUserById(trx, userId);
    // Someone else changed it between our check and now: make them retry against the new password.
    if (current?.password_hash !== user.password_hash) throw conflict('the password was changed meanwhile; try again');
    await setPasswordHash(trx, userId, passwordHash, false);
    const ended = await endUserSessions(ctx, trx, userId, 'password-changed', { except: sessionId });
    await appendAudit(trx, {
      stream: `user:${userId}`,
      actorId: userId,
      actorRole: user.role,
      action: 'user.password-changed',
      subjectType: 'user',
      subjectId: userId,
      details: { otherSessionsEnded: ended },
    });
  });
}

export async function getProfile(ctx: AppContext, userId: string): Promise<UserProfile> {
  const user = await findUserById(ctx.db, userId);
  if (!user || user.status !== 'active') throw unauthorized('this account is no longer active');
  return profileOf(ctx, user);
}

function profileOf(ctx: AppContext, user: UserRow): UserProfile {
  return {
    id: user.id,
    username: user.username,
    name: `${user.firstname} ${user.surname}`,
    firstname: user.firstname,
    surname: user.surname,
    role: user.role,
    primaryOfficeId: user.primary_office_id,
    mustChangePassword: user.must_change_password,
    scopes: ctx.country.roles.get(user.role)?.role.scopes ?? [],
    language: user.language ?? ctx.country.config.settings.defaultLanguage,
    onboarded: user.onboarded_at !== null,
    hasSignature: user.signature_file_id !== null,
  };
}

/**
 * The first national system administrator of a fresh installation, at the national office (the first CRVS
 * office outside any administrative area), with a random password to change at first login.
 * Refuses when any user exists, so it cannot be used to add an admin to a running registry.
 */
export async function createFirstAdmin(
  ctx: AppContext,
  username: string,
  contact: { email?: string; mobile?: string } = {},
): Promise<{ user: UserProfile; password: string }> {
  if ((await countUsers(ctx.db)) > 0) {
    throw conflict('users already exist: the first administrator can only be created in an empty database');
  }
  const errors = detailErrors(ctx, contact);
  if (errors.length) {
    throw badRequest('the administrator needs an address this server can send login codes to', errors);
  }
  const hq = ctx.country.config.locations.find((l) => l.type === 'CRVS_OFFICE' && l.parentId === null);
  if (!hq) throw new Error('the country config has no national office (a CRVS_OFFICE without parent area)');
  const password = generateOneTimePassword();
  const user = await createUser(ctx, {
    username,
    firstname: 'System',
    surname: 'Administrator',
    role: 'NATIONAL_SYSTEM_ADMIN',
    primaryOfficeId: hq.id,
    email: contact.email ?? null,
    mobile: contact.mobile ?? null,
    password,
    mustChangePassword: true,
  });
  return { user, password };
}

/** Public facts about staff members (no contact details), for showing who did what. */
export async function findStaff(ctx: AppContext, ids: string[]) {
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'firstname', 'surname', 'role', 'primary_office_id'])
    .where('id', 'in', ids)
    .execute();
  const staff = rows.map((r) => ({
    id: r.id,
    username: r.username,
    firstname: r.firstname,
    surname: r.surname,
    role: r.role,
    primaryOfficeId: r.primary_office_id,
  }));
  // An integration client acts on records too (a hospital's notifications): its name stands for it in history.
  const found = new Set(staff.map((s) => s.id));
  return [
    ...staff,
    ...(await clientsAmong(
      ctx.db,
      ids.filter((id) => !found.has(id)),
    )),
  ];
}
