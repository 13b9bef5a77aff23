import type { ActionType } from '@lifeline/domain';
import { REQUESTABLE_ACTIONS } from './steps.ts';

/** What each action a client may request does, for the API documentation (one line each). */
const WHAT_IT_DOES: Record<ActionType, string> = {
  CREATE: 'start a record (POST /api/events)',
  NOTIFY: 'send an incomplete declaration (e.g. from a health facility)',
  DECLARE: 'send a complete declaration',
  VALIDATE: 'check a declaration and send it on for registration',
  REGISTER: 'register: the record gets its registration number',
  REJECT: 'send the declaration back for updates (content.reason)',
  ARCHIVE: 'archive a declaration that will not be registered',
  ASSIGN: 'take the record, so that nobody else acts on it meanwhile',
  UNASSIGN: "release the record (another user's needs record.unassign-others)",
  DELETE: 'delete a record never submitted (DELETE /api/events/{id})',
  READ: 'logged on every view (GET /api/events/{id})',
  DUPLICATE_DETECTED: 'written by the server when deduplication finds a possible duplicate',
  MARK_AS_DUPLICATE: 'confirm a possible duplicate (content.duplicateOf; content.resolution ARCHIVE or REJECT)',
  MARK_AS_NOT_DUPLICATE: 'clear a possible duplicate (content.reason)',
  PRINT_CERTIFICATE: 'print a certificate (POST /api/events/{id}/actions/PRINT_CERTIFICATE, the certificates route)',
  ISSUE_CERTIFICATE: 'hand over a certificate printed in advance (the certificates route)',
  REQUEST_CORRECTION:
    'propose corrected answers of a registered record (declaration; annotation, required: requester, reason, ' +
    'documents, payment)',
  APPROVE_CORRECTION:
    'apply the pending correction (no annotation); on a record without one, request and approve in one step ' +
    '(same body as REQUEST_CORRECTION, annotation required)',
  REJECT_CORRECTION: 'refuse the pending correction (content.reason)',
  REVOKE: 'revoke a registration: its certificates and credentials stop certifying (content.reason)',
  REINSTATE: 'undo a revocation (content.reason)',
  UNARCHIVE: 'bring an archived declaration back for review, declared or notified as its answers are (content.reason)',
};

/** The description of POST /api/events/{id}/actions/{type}: every action type, and which route performs it. */
export function actionRouteDescription(): string {
  const requestable = [...REQUESTABLE_ACTIONS].map((type) => `- ${type}: ${WHAT_IT_DOES[type]}`);
  const elsewhere = (Object.keys(WHAT_IT_DOES) as ActionType[])
    .filter((type) => !REQUESTABLE_ACTIONS.has(type))
    .map((type) => `- ${type}: ${WHAT_IT_DOES[type]}`);
  return [
    'Action types accepted by this route:',
    ...requestable,
    '',
    'Other action types of the record history (not requested through this route):',
    ...elsewhere,
    '',
    'REGISTER (or VALIDATE) on a record not yet declared runs DECLARE, VALIDATE and REGISTER in one transaction. ' +
      'Replaying a transactionId returns the current record and changes nothing.',
  ].join('\n');
}
