import { randomUUID } from 'node:crypto';
import { applyAction, type Action, type ActionType, type EventConfig, type EventState } from '@lifeline/domain';
import type { Db } from '../../db/connect.ts';
import { badRequest } from '../../lib/errors.ts';
import { latestDetected } from '../dedup/repository.ts';
import { findDuplicates } from '../dedup/service.ts';
import type { ActionBody } from './schemas.ts';
import type { PlannedStep } from './steps.ts';

const CHECKED_STEPS = new Set<ActionType>(['DECLARE', 'VALIDATE', 'REGISTER']);

const changesDeclaration = (s: PlannedStep) => !!s.action.declaration && Object.keys(s.action.declaration).length > 0;

export interface CheckedSteps {
  steps: PlannedStep[];
  /**
   * The request's final declaration passed complete validation and the duplicate check (run now, or earlier on
   * the same declaration): the record keeps this verdict (see verdict.ts).
   */
  verdict: boolean;
}

/**
 * Run duplicate detection at the first declare/validate/register step of a request. On a hit, that step still
 * happens, a DUPLICATE_DETECTED action records the candidates with their scores, and the steps after it (e.g.
 * the registration of a one-step declare-and-register) are dropped: nothing moves on until a reviewer decides.
 * `checkedBefore`: the record's declaration already passed the check and no step up to the checked one changes
 * it, so it is not run again (detection runs on every change of the declaration and before registration, not
 * on every action).
 */
export async function withDuplicateCheck(
  trx: Db,
  config: EventConfig,
  eventId: string,
  state: EventState,
  steps: PlannedStep[],
  /** Further action types checked in this request (a health system's NOTIFY). */
  alsoCheck: readonly ActionType[] = [],
  checkedBefore = false,
): Promise<CheckedSteps> {
  const at = steps.findIndex((s) => CHECKED_STEPS.has(s.action.type) || alsoCheck.includes(s.action.type));
  // Only declare/validate/register validate the whole form; a NOTIFY's partial answers earn no verdict.
  const verdict = at >= 0 && CHECKED_STEPS.has(steps[at].action.type) && !steps.slice(at + 1).some(changesDeclaration);
  if (state.flags.includes('potential-duplicate')) return { steps, verdict: false };
  if (!config.deduplication || at < 0) return { steps, verdict };
  // Registration is the legal act: the check runs again before it whatever changed, so a record of the same
  // person declared since the last check is caught before a second registration.
  const registers = steps.some((s) => s.action.type === 'REGISTER');
  if (checkedBefore && !registers && !steps.slice(0, at + 1).some(changesDeclaration)) return { steps, verdict };
  const checked = steps[at];
  const duplicates = await findDuplicates(trx, config, eventId, checked.state.declaration);
  if (!duplicates.length) return { steps, verdict };
  const action: Action = {
    ...checked.action,
    id: randomUUID(),
    type: 'DUPLICATE_DETECTED',
    declaration: null,
    annotation: null,
    content: { duplicates },
    registrationNumber: null,
  };
  return { steps: [...steps.slice(0, at + 1), { action, state: applyAction(checked.state, action) }], verdict: true };
}

/**
 * Fill in a reviewer's verdict from the latest detection: "duplicate of X" must name one of the candidates;
 * "not a duplicate" dismisses all of them, so later checks of this record do not raise them again.
 */
export async function completeDuplicateVerdict(trx: Db, eventId: string, steps: PlannedStep[], body: ActionBody) {
  const verdict = steps.find((s) => s.action.type === 'MARK_AS_DUPLICATE' || s.action.type === 'MARK_AS_NOT_DUPLICATE');
  if (!verdict) return;
  const detected = await latestDetected(trx, eventId);
  if (verdict.action.type === 'MARK_AS_DUPLICATE') {
    const duplicateOf = body.content?.duplicateOf;
    if (!duplicateOf || !detected.some((d) => d.id === duplicateOf)) {
      throw badRequest('say which detected record this one duplicates', [
        { field: 'content.duplicateOf', message: `must be one of ${detected.map((d) => d.id).join(', ') || '(none)'}` },
      ]);
    }
    verdict.action.content = { ...verdict.action.content, duplicateOf };
  } else {
    verdict.action.content = { ...verdict.action.content, dismissed: detected.map((d) => d.id) };
  }
}
