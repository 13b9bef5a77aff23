import type { AppContext } from '../../context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { configuredChannels } from '../notifications/index.ts';
import { enqueue } from '../outbox/index.ts';
import { requireConfigAdmin } from '../settings/service.ts';
import { staffMailingList } from '../users/index.ts';
import { STAFF_EMAIL_JOB, type StaffEmailPayload } from './job.ts';

/**
 * The national administrator emails all staff, or the staff of one office (the reference's "email all users"):
 * one outbox job per person with an address, in one transaction with its audit entry.
 */
export async function emailStaff(
  ctx: AppContext,
  user: AuthUser,
  input: { officeId?: string; subject: string; text: string },
) {
  requireConfigAdmin(user, 'emails to staff');
  if (!configuredChannels(ctx.env).some((c) => c === 'email' || c === 'log')) {
    throw conflict('this server sends no email (NOTIFICATION_TRANSPORT has no smtp)');
  }
  const office = input.officeId && ctx.country.locations.get(input.officeId);
  if (input.officeId && (!office || office.type === 'ADMIN_AREA')) {
    throw badRequest(`"${input.officeId}" is not an office`, [{ field: 'officeId', message: 'not an office' }]);
  }
  const staff = await staffMailingList(ctx.db, input.officeId);
  const reachable = staff.filter((s): s is typeof s & { email: string } => !!s.email);
  const channel = configuredChannels(ctx.env).includes('log') ? 'log' : 'email';
  await ctx.db.transaction().execute(async (trx) => {
    for (const person of reachable) {
      const payload: StaffEmailPayload = { channel, to: person.email, subject: input.subject, text: input.text };
      await enqueue(trx, STAFF_EMAIL_JOB, payload);
    }
    await appendAudit(trx, {
      stream: `user:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'comms.email-staff',
      subjectType: input.officeId ? 'office' : 'staff',
      subjectId: input.officeId ?? 'all',
      details: { subject: input.subject, recipients: reachable.length, withoutEmail: staff.length - reachable.length },
    });
  });
  ctx.outbox?.kick();
  return { queued: reachable.length, withoutEmail: staff.length - reachable.length };
}
