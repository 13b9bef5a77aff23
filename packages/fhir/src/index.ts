/** FHIR R4 mappers: records <-> document Bundles, locations <-> Location. Pure functions over the country config. */
export type { EventMapping, FhirContext, LocationLookup } from './context.ts';
export { recordToDocument, type RecordForDocument } from './document.ts';
export { fromFhirLocation, toFhirLocation, FHIR_ID, type LocationInput } from './location.ts';
export { errorIssue, operationOutcome, type Issue, type IssueCode } from './outcome.ts';
export { stableUuid } from './ids.ts';
export { notificationToDeclaration, type Notification, type NotificationResult } from './notification/index.ts';
export { capabilityStatement, LOCATION_SEARCH_PARAMS } from './capability.ts';
