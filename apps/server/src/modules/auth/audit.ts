import type { Db } from '../../db/connect.ts';
import { appendAudit } from '../audit/index.ts';

/** Who an authentication event is about: a known user, or only the username someone typed. */
export type AuthSubject = { id: string; role: string } | { username: string };

/**
 * Record an authentication event in the caller's transaction: on the user's stream when the user exists,
 * otherwise on `login:<username>` so guessing at unknown names is visible too.
 */
export function auditAuth(
  trx: Db,
  subject: AuthSubject,
  action: string,
  ip: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  if ('id' in subject) {
    return appendAudit(trx, {
      stream: `user:${subject.id}`,
      actorId: subject.id,
      actorRole: subject.role,
      action,
      subjectType: 'user',
      subjectId: subject.id,
      ip,
      details: details ?? null,
    });
  }
  return appendAudit(trx, {
    stream: `login:${subject.username}`,
    actorId: null,
    actorRole: null,
    action,
    subjectType: 'username',
    subjectId: subject.username,
    ip,
    details: details ?? null,
  });
}
