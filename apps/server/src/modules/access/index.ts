/** The access module: the one rule deciding who may see which record, and its uses. */
export { canRead, holdsScope, readableSql, grantsOf, type RecordAccessFacts } from './rule.ts';
export { requireRead, requireScope } from './authorize.ts';
export { auditRecordList } from './audit.ts';
export { redactDuplicates, RESTRICTED_ID, type RestrictedCandidate } from './duplicates.ts';
export { accessFactsOf } from './repository.ts';
export {
  onlyFields,
  redactSummary,
  requireSearchableFields,
  requireWholeRecordAccess,
  visibleFields,
} from './fields.ts';
