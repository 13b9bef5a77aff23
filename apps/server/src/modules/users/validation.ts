import type { FieldError } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { unreachableProblem } from '../notifications/index.ts';

/** A workplace: an office or a health facility of the country config. */
export function officeError(ctx: AppContext, officeId: string, field = 'primaryOfficeId'): FieldError | null {
  const office = ctx.country.locations.get(officeId);
  if (office && office.type !== 'ADMIN_AREA') return null;
  return { field, message: `"${officeId}" is not an office or health facility` };
}

/**
 * The details of a user as they will be stored: a known role and language, a phone number and national ID of the
 * country's patterns, and at least one address this server can send codes to.
 */
export function detailErrors(
  ctx: AppContext,
  user: { role?: string; email?: string | null; mobile?: string | null; nid?: string | null; language?: string | null },
): FieldError[] {
  const { settings } = ctx.country.config;
  const errors: FieldError[] = [];
  if (user.role !== undefined && !ctx.country.roles.has(user.role)) {
    errors.push({ field: 'role', message: `no role "${user.role}" in the country config` });
  }
  if (user.mobile && !new RegExp(settings.phoneNumberPattern).test(user.mobile)) {
    errors.push({
      field: 'mobile',
      message: `is not a phone number of ${settings.countryName} (${settings.phoneNumberPattern})`,
    });
  }
  if (user.nid && !new RegExp(settings.nationalIdPattern).test(user.nid)) {
    errors.push({ field: 'nid', message: `is not a national ID number (${settings.nationalIdPattern})` });
  }
  if (user.language && !settings.languages.includes(user.language)) {
    errors.push({ field: 'language', message: `must be one of ${settings.languages.join(', ')}` });
  }
  const unreachable = unreachableProblem(ctx.env, user);
  if (unreachable) errors.push({ field: user.email ? 'mobile' : 'email', message: unreachable });
  return errors;
}
