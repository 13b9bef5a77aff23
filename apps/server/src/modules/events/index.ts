/** The records module's public face for other modules. */
export { createWithAction, getEvent, performAction, type ActionExtension, type FirstAction } from './service.ts';
export { loadDocument } from './documents.ts';
export { requireScope, hasScope, inJurisdiction } from './authorize.ts';
export { EventDocument, EventParams, ActionBody, TransactionId } from './schemas.ts';
export type { PlannedStep } from './steps.ts';
export { announceChange, type BeforeRecordWrite, type RecordChange, type RecordChangeListener } from './changes.ts';
export { answerRegistration } from './registration-requests.ts';
