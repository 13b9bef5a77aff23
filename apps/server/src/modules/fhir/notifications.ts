import { createHash, randomUUID } from 'node:crypto';
import { errorIssue, notificationToDeclaration, operationOutcome, type Issue } from '@lifeline/fhir';
import { validateDeclaration } from '@lifeline/domain';
import type { OperationOutcome } from 'fhir/r4';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import { createWithAction, hasScope, type EventDocument } from '../events/index.ts';
import { fhirOf } from './context.ts';
import { FhirIssues } from './errors.ts';

export interface NotificationReceipt {
  /** False when this Bundle.identifier was received before: the record it made is answered, nothing is written. */
  created: boolean;
  record: EventDocument;
  outcome: OperationOutcome;
}

/** The record's transactionId from the Bundle's identifier: the same identifier sent twice makes one record. */
function transactionIdOf(identifier: { system: string; value: string } | null): string {
  if (!identifier) return randomUUID();
  const digest = createHash('sha256').update(`${identifier.system}|${identifier.value}`).digest('base64url');
  return `fhir:${digest}`;
}

function receipt(ctx: AppContext, record: EventDocument, created: boolean, warnings: Issue[]): OperationOutcome {
  const { fhir } = fhirOf(ctx);
  const duplicate = record.flags.includes('potential-duplicate');
  const outcome = operationOutcome([
    {
      severity: 'information',
      code: 'informational',
      diagnostics: `${created ? 'created' : 'already received:'} ${record.type} record ${record.trackingId} (id ${record.id}), ${record.status}`,
    },
    ...(duplicate
      ? [
          {
            severity: 'warning' as const,
            code: 'duplicate' as const,
            diagnostics: 'it may duplicate a record already in the registry: a registrar will review it',
          },
        ]
      : []),
    ...warnings,
  ]);
  // The record's id and tracking id, machine-readable, on the first issue.
  outcome.issue[0].details = {
    coding: [
      { system: 'urn:ietf:rfc:3986', code: `urn:uuid:${record.id}`, display: 'record id' },
      { system: fhir.mapping.identifierSystems.trackingId, code: record.trackingId, display: 'tracking id' },
    ],
    text: `record ${record.id}, tracking id ${record.trackingId}`,
  };
  return outcome;
}

/**
 * A health system's notification of a birth or death: mapped to the country's form (malformed or unmappable
 * elements refused, each named by FHIRPath), checked as a partial declaration, then created and NOTIFIED in one
 * transaction with duplicate detection. Authorised as a scope check (record.notify), for people and clients alike.
 */
export async function receiveNotification(
  ctx: AppContext,
  user: AuthUser,
  body: unknown,
): Promise<NotificationReceipt> {
  const { fhir, events } = fhirOf(ctx);
  // Authorization before the body is read: a caller who may notify nothing learns nothing from the answers.
  if (!user.scopes.some((s) => s.name === 'record.notify')) {
    throw new FhirIssues(403, [errorIssue('forbidden', 'notifying records needs the record.notify scope')]);
  }
  const mapped = notificationToDeclaration(fhir, events, body);
  if (!mapped.ok) throw new FhirIssues(400, mapped.issues);
  const { event, declaration, origins, identifier, warnings } = mapped.notification;
  if (!hasScope(user, 'record.notify', event)) {
    throw new FhirIssues(403, [errorIssue('forbidden', `notifying ${event} records needs the record.notify scope`)]);
  }
  const errors = validateDeclaration(ctx.country.events.get(event)!, declaration, {
    mode: 'partial',
    today: ctx.country.today(),
    findLocation: (id) => ctx.country.locations.get(id),
  });
  if (errors.length) {
    throw new FhirIssues(
      400,
      errors.map((e) => errorIssue('value', `${e.field}: ${e.message}`, origins.get(e.field))),
    );
  }
  const transactionId = transactionIdOf(identifier);
  const { document, created } = await createWithAction(
    ctx,
    user,
    { type: event, transactionId },
    { type: 'NOTIFY', body: { transactionId, declaration }, detectDuplicates: true },
  );
  return { created, record: document, outcome: receipt(ctx, document, created, warnings) };
}
