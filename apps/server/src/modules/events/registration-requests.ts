import { randomUUID } from 'node:crypto';
import { applyAction, type Action, type EventState, type RegistrationAnswer } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { registrarOf, toFactsRow } from '../statistics/facts.ts';
import { requireScope } from './authorize.ts';
import { writeChange } from './changes.ts';
import { nextRegistrationNumber } from './identifiers.ts';
import { toIndexRow } from './projection.ts';
import * as repo from './repository.ts';
import type { EventDocument } from './schemas.ts';
import { documentOf, mustLoad, presentTo } from './documents.ts';
import { onceEvenIfRaced } from './races.ts';
import { commitRecord, eventConfig } from './service.ts';
import { requireReadAccess } from './steps.ts';

/** The registration of a record that waits for the national ID system, and the answer it already got (if any). */
function pendingRequest(actions: readonly Action[]) {
  const request = actions.findLast((a) => a.type === 'REGISTER' && a.status === 'Requested');
  const answer = request
    ? actions.find((a) => a.type === 'REGISTER' && a.status !== 'Requested' && a.content?.requestId === request.id)
    : undefined;
  return { request, answer };
}

/** Whether an earlier answer is this very answer again (a retry), so nothing is written twice. */
function sameAnswer(earlier: Action, answer: RegistrationAnswer): boolean {
  if (answer.kind === 'confirm')
    return earlier.status === 'Accepted' && earlier.content?.nationalId === answer.nationalId;
  return earlier.status === 'Rejected';
}

/**
 * The national ID system's answer to a registration it was asked to confirm: a confirmation registers the record
 * (the registration number is given now, the child's national ID kept on the record), a rejection sends the
 * declaration back for updates with the reason. Idempotent: the same answer again (or the same transactionId)
 * returns the record and writes nothing; a different answer to a request already answered is a 409. One
 * transaction with the record's lock, hash chain, audit entry and change listeners (webhooks), as every action.
 */
export async function answerRegistration(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
  answer: RegistrationAnswer,
): Promise<EventDocument> {
  if (
    answer.kind === 'confirm' &&
    !new RegExp(ctx.country.config.settings.nationalIdPattern, 'u').test(answer.nationalId)
  ) {
    throw badRequest('the national ID does not have the country\u2019s format', [
      { field: 'nationalId', message: `must match ${ctx.country.config.settings.nationalIdPattern}` },
    ]);
  }
  const written = await onceEvenIfRaced(() =>
    ctx.db.transaction().execute(async (trx) => {
      const locked = await repo.lockRecord(trx, eventId, answer.transactionId ?? '', 'REGISTER');
      if (!locked) throw notFound(`no record ${eventId}`);
      const { event, index: row } = locked;
      const config = eventConfig(ctx, event.type);
      const state = repo.toState(row);
      const place = { createdAtLocation: row.created_at_location, placeOfEvent: row.place_of_event };
      requireReadAccess(ctx, user, { type: config.id, createdBy: state.createdBy, status: state.status }, place);
      requireScope(ctx.country, user, 'record.confirm-registration', config.id, place);
      if (locked.replay) return null;
      const { request, answer: earlier } = pendingRequest(await repo.listActions(trx, eventId));
      if (!request) throw conflict('no registration of this record waits for the national ID system');
      if (earlier) {
        if (sameAnswer(earlier, answer)) return null;
        throw conflict(
          earlier.status === 'Accepted'
            ? 'the registration was already confirmed, with another national ID'
            : 'the registration was already rejected',
        );
      }
      if (!state.flags.includes('registration-requested')) {
        throw conflict('no registration of this record waits for the national ID system');
      }
      const action: Action = {
        id: randomUUID(),
        type: 'REGISTER',
        status: answer.kind === 'confirm' ? 'Accepted' : 'Rejected',
        transactionId: answer.transactionId ?? `${request.id}:${answer.kind}`,
        createdBy: user.id,
        createdByRole: user.role,
        // Registered where the registrar asked for it: the national ID system has no office.
        createdAtLocation: request.createdAtLocation,
        createdAt: new Date().toISOString(),
        declaration: null,
        annotation: null,
        content:
          answer.kind === 'confirm'
            ? { requestId: request.id, nationalId: answer.nationalId }
            : { requestId: request.id, reason: answer.reason },
        registrationNumber:
          answer.kind === 'confirm'
            ? await nextRegistrationNumber(
                trx,
                config.registrationNumberFormat ?? ctx.country.config.settings.registrationNumberFormat,
                config,
                Number(ctx.country.today().slice(0, 4)),
              )
            : null,
      };
      const final: EventState = applyAction(state, action);
      const version = event.version + 1;
      const index = toIndexRow(ctx.country, config, { id: eventId, trackingId: event.tracking_id }, final, version);
      // The registrar who asked registered it; the national ID system only confirmed.
      const facts = toFactsRow(ctx.country, config, index, final, registrarOf([{ ...request, status: 'Accepted' }]));
      const change = {
        eventId,
        eventType: config.id,
        trackingId: event.tracking_id,
        actions: [action],
        before: state,
        after: final,
        version,
        actor: user,
      };
      await writeChange(ctx, trx, change, (jobs) =>
        commitRecord(
          trx,
          eventId,
          event,
          [action],
          index,
          user.id,
          {
            stream: `event:${eventId}`,
            actorId: user.id,
            actorRole: user.role,
            action: answer.kind === 'confirm' ? 'record.REGISTER.confirm' : 'record.REGISTER.reject',
            subjectType: 'event',
            subjectId: eventId,
            details: {
              requestId: request.id,
              transactionId: action.transactionId,
              version,
              ...(answer.kind === 'confirm'
                ? { registrationNumber: action.registrationNumber }
                : { reason: answer.reason }),
            },
          },
          facts,
          { jobs },
        ),
      );
      return { index, state: final };
    }),
  );
  if (!written) return presentTo(ctx, user, await mustLoad(ctx.db, eventId));
  return presentTo(ctx, user, documentOf(written.index, written.state, await repo.listActions(ctx.db, eventId)));
}
