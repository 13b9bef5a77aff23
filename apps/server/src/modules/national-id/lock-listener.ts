import { isDeepStrictEqual } from 'node:util';
import { badRequest } from '../../lib/errors.ts';
import type { RecordChangeListener } from '../events/index.ts';
import { verifiedChecks } from './identity-checks.ts';

/**
 * Fields filled from a verified identity check stay as the provider vouched for them: a change of the declaration
 * that alters one is refused (400 naming the field), and the whole change rolls back. Checked in the record's
 * write transaction, only when the change touched the declaration.
 */
export function identityLockListener(): RecordChangeListener {
  return async (trx, change) => {
    if (!change.before || change.before.declaration === change.after.declaration) return;
    const checks = await verifiedChecks(trx, change.eventId);
    const errors = checks.flatMap((check) =>
      Object.entries(check.fields ?? {})
        .filter(([field, verified]) => !isDeepStrictEqual(change.after.declaration[field] ?? null, verified ?? null))
        .map(([field]) => ({
          field: `declaration.${field}`,
          message: `verified with the national ID provider (${check.person}): it cannot be changed`,
        })),
    );
    if (errors.length)
      throw badRequest('the declaration changes fields verified with the national ID provider', errors);
  };
}
