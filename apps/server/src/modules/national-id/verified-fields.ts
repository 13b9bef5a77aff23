import { isDeepStrictEqual } from 'node:util';
import { badRequest } from '../../lib/errors.ts';
import type { BeforeRecordWrite } from '../events/index.ts';
import { verifiedChecks } from './identity-checks.ts';
import { withIdentityChecks } from './tables.ts';

/**
 * Identity checks on the record's own history, before each action is written:
 * - fields filled from a verified check stay as the provider vouched for them: an action whose declaration alters
 *   one is refused (400 naming the field) and nothing is written;
 * - a verification not yet on the record goes into the content of the first action written after it
 *   (`content.identityChecks`: which check, whose, when, which fields), under the record's hash chain.
 */
export function verifiedFieldsHook(): BeforeRecordWrite {
  return async (trx, record, steps) => {
    if (!steps.length) return;
    const checks = await verifiedChecks(trx, record.eventId);
    if (!checks.length) return;
    if (steps.some((s) => s.action.declaration)) {
      const declaration = steps.at(-1)!.state.declaration;
      const errors = checks.flatMap((check) =>
        Object.entries(check.fields ?? {})
          .filter(([field, verified]) => !isDeepStrictEqual(declaration[field] ?? null, verified ?? null))
          .map(([field]) => ({
            field: `declaration.${field}`,
            message: `verified with the national ID provider (${check.person}): it cannot be changed`,
          })),
      );
      if (errors.length) {
        throw badRequest('the declaration changes fields verified with the national ID provider', errors);
      }
    }
    const unstamped = checks.filter((c) => !c.stamped_action_id);
    if (!unstamped.length) return;
    const target = steps[0].action;
    target.content = {
      ...target.content,
      identityChecks: unstamped.map((c) => ({
        id: c.id,
        person: c.person,
        verifiedAt: c.completed_at ? new Date(c.completed_at).toISOString() : null,
        fields: Object.keys(c.fields ?? {}),
      })),
    };
    await withIdentityChecks(trx)
      .updateTable('identity_checks')
      .set({ stamped_action_id: target.id })
      .where(
        'id',
        'in',
        unstamped.map((c) => c.id),
      )
      .execute();
  };
}
