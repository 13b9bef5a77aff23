import { recordToDocument, errorIssue } from '@lifeline/fhir';
import type { Bundle } from 'fhir/r4';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import { getEvent, type EventDocument } from '../events/index.ts';
import { fhirOf } from './context.ts';
import { FhirIssues } from './errors.ts';

/** A record as the mapper needs it, from the records API's view of it. */
function recordOf(doc: EventDocument) {
  const registered = [...doc.actions].reverse().find((a) => a.type === 'REGISTER' && a.status === 'Accepted');
  return {
    id: doc.id,
    trackingId: doc.trackingId,
    status: doc.status,
    flags: doc.flags,
    declaration: doc.declaration,
    registrationNumber: doc.registrationNumber,
    dateOfEvent: doc.dateOfEvent,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    version: doc.version,
    registeredAtLocation: registered?.createdAtLocation ?? null,
    corrected: doc.actions.some((a) => a.type === 'APPROVE_CORRECTION'),
  };
}

/**
 * A record as a FHIR document, for a caller allowed to read it: read through the records service, so the same
 * access rule (scopes and jurisdiction) decides and the read is audited.
 */
export async function recordDocument(ctx: AppContext, user: AuthUser, id: string): Promise<Bundle> {
  const { fhir, events } = fhirOf(ctx);
  const doc = await getEvent(ctx, user, id);
  const em = events.find((e) => e.event.id === doc.type);
  if (!em) throw new FhirIssues(404, [errorIssue('not-supported', `${doc.type} records have no FHIR mapping`)]);
  return recordToDocument(fhir, em, recordOf(doc));
}
