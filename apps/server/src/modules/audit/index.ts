export { appendAudit, auditRow, type AuditEntry } from './repository.ts';
