export { appendAudit, type AuditEntry } from './repository.ts';
