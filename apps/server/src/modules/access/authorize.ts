import type { ScopeName } from '@lifeline/domain';
import type { Country } from '../../country.ts';
import { forbidden } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { isFieldLimited, WHOLE_RECORD_REFUSED } from './fields.ts';
import { canRead, grantsOf, matches, NEVER_SUBMITTED, type RecordAccessFacts } from './rule.ts';

/**
 * 403 unless the user may read the record (see `canRead`). `partial`: the caller shows the record through
 * fields.ts's redaction, so a client limited to some fields may have it; other reads refuse such a client.
 */
export function requireRead(
  country: Country,
  user: AuthUser,
  record: RecordAccessFacts,
  options: { partial?: boolean } = {},
): void {
  if (canRead(country, user, record, options)) return;
  if (isFieldLimited(user) && !options.partial) throw forbidden(WHOLE_RECORD_REFUSED);
  if (record.status === NEVER_SUBMITTED) {
    throw forbidden('this record has not been submitted yet: only the user who created it can see it');
  }
  const anyRead = grantsOf(country, user, 'record.read').some((g) => !g.events || g.events.includes(record.type));
  throw forbidden(
    anyRead
      ? 'this record is outside your jurisdiction for record.read'
      : `your role (${user.role}) does not have record.read for ${record.type} records`,
  );
}

/**
 * 403 unless the user holds `scope` for this event type and, when a record is given, the record lies in the
 * scope's jurisdiction (the same grants as the read rule).
 */
export function requireScope(
  country: Country,
  user: AuthUser,
  scope: ScopeName,
  eventType: string,
  record?: Omit<RecordAccessFacts, 'type' | 'createdBy' | 'status'>,
): void {
  const grants = grantsOf(country, user, scope).filter((g) => !g.events || g.events.includes(eventType));
  if (!grants.length) throw forbidden(`your role (${user.role}) does not have ${scope} for ${eventType} records`);
  if (record && !matches(country, grants, { ...record, type: eventType })) {
    throw forbidden(`this record is outside your jurisdiction for ${scope}`);
  }
}
