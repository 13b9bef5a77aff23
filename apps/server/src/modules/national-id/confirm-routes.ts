import { ConfirmRegistrationBody, RejectRegistrationBody } from '@lifeline/domain';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { plainJson } from '../../lib/fast-json.ts';
import { problems } from '../../lib/problem-schema.ts';
import { answerRegistration, EventDocument, EventParams } from '../events/index.ts';

/**
 * The national ID system's answers to registrations that wait for it (the event's `nationalIdConfirmation`):
 * only a caller with `record.confirm-registration` (a NATIONAL_ID client by default) may give them.
 */
export function confirmationRoutes(app: ApiApp, ctx: AppContext) {
  const auth = { onRequest: [app.authenticate], ...plainJson };
  const tags = ['national ID'];
  app.post(
    '/api/events/:id/actions/REGISTER/confirm',
    {
      ...auth,
      schema: {
        operationId: 'confirmRegistration',
        tags,
        summary: 'Confirm a registration waiting for the national ID system: registers the record',
        description:
          'The record gets its registration number and keeps the national ID given. Sending the same confirmation ' +
          'again (or the same transactionId) returns the record and changes nothing; a different answer to a ' +
          'request already answered is a 409. Needs record.confirm-registration (NATIONAL_ID clients have it).',
        params: EventParams,
        body: ConfirmRegistrationBody,
        response: { 200: EventDocument, ...problems(409) },
      },
    },
    async (request) => answerRegistration(ctx, request.user, request.params.id, { kind: 'confirm', ...request.body }),
  );
  app.post(
    '/api/events/:id/actions/REGISTER/reject',
    {
      ...auth,
      schema: {
        operationId: 'rejectRegistration',
        tags,
        summary: 'Reject a registration waiting for the national ID system: sends it back for updates',
        description:
          'The record is shown as requiring updates, with the reason. Idempotent like the confirmation. Needs ' +
          'record.confirm-registration (NATIONAL_ID clients have it).',
        params: EventParams,
        body: RejectRegistrationBody,
        response: { 200: EventDocument, ...problems(409) },
      },
    },
    async (request) => answerRegistration(ctx, request.user, request.params.id, { kind: 'reject', ...request.body }),
  );
}
