import { grantedJurisdiction } from '@lifeline/domain';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import { inJurisdiction, loadDocument } from '../events/index.ts';
import { findUserById, officeInReach, reachOf } from '../users/index.ts';
import { countAudit, queryAudit, type AuditFilter, type AuditRow } from './query-repository.ts';
import { appendAudit } from './repository.ts';

export interface AuditQuery {
  userId?: string;
  eventId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/**
 * The one access rule of audit views, as a filter: your own trail (user.read-only-my-audit); anyone's in the
 * jurisdiction of your user.read (administrators, performance managers); a record's trail if you may read the record
 * or it lies in that jurisdiction. Refusals are 403; unknown users or records 404.
 */
export async function auditFilterFor(ctx: AppContext, actor: AuthUser, query: AuditQuery): Promise<AuditFilter> {
  const reach = reachOf(ctx.country, actor, 'user.read');
  const filter: AuditFilter = { ...query };
  if (query.userId && query.userId !== actor.id) {
    if (!reach) throw forbidden(`your role (${actor.role}) may only read its own audit trail`);
    const user = await findUserById(ctx.db, query.userId);
    if (!user) throw notFound(`no user ${query.userId}`);
    if (!officeInReach(ctx.country, reach, user.primary_office_id)) {
      throw forbidden(`this user's office is outside your jurisdiction (${reach.jurisdiction})`);
    }
  }
  if (query.userId === actor.id && !reach && !grantedJurisdiction(actor.scopes, 'user.read-only-my-audit')) {
    throw forbidden(`your role (${actor.role}) cannot read audit trails (user.read-only-my-audit)`);
  }
  if (query.eventId) {
    const record = await loadDocument(ctx.db, query.eventId);
    if (!record) throw notFound(`no record ${query.eventId}`);
    const place = { createdAtLocation: record.createdAtLocation, placeOfEvent: record.placeOfEvent };
    const readJurisdiction = grantedJurisdiction(actor.scopes, 'record.read', record.type);
    const canRead =
      record.createdBy === actor.id ||
      (readJurisdiction && inJurisdiction(ctx.country, actor, readJurisdiction, place)) ||
      (reach && inJurisdiction(ctx.country, actor, reach.jurisdiction, place));
    if (!canRead) throw forbidden('this record is outside what you may read');
  }
  if (!query.userId && !query.eventId) {
    if (!reach) throw forbidden('name a user (userId) or a record (eventId): you may not read the whole audit log');
    if (reach.jurisdiction !== 'all') {
      if (reach.areaId) filter.actorWithinPath = ctx.country.locations.pathString(reach.areaId);
      else filter.actorOfficeId = reach.officeId;
    }
  }
  return filter;
}

export function entryView(row: AuditRow) {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    action: row.action,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorUsername: row.actor_username,
    actorName: row.actor_name,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    ip: row.ip,
    details: row.details,
    record: row.tracking_id ? { id: row.subject_id, trackingId: row.tracking_id, title: row.record_title ?? '' } : null,
  };
}

/** Reading the audit trail is itself recorded, on the reader's own stream. */
async function auditTheRead(ctx: AppContext, actor: AuthUser, query: AuditQuery, action: string) {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `user:${actor.id}`,
      actorId: actor.id,
      actorRole: actor.role,
      action,
      subjectType: query.eventId ? 'event' : query.userId ? 'user' : 'audit',
      subjectId: query.eventId ?? query.userId ?? '*',
      details: {
        ...query,
        from: query.from?.toISOString(),
        to: query.to?.toISOString(),
      },
    }),
  );
}

export async function readAudit(
  ctx: AppContext,
  actor: AuthUser,
  query: AuditQuery & { limit: number; offset: number },
) {
  const { limit, offset, ...rest } = query;
  const filter = await auditFilterFor(ctx, actor, rest);
  const [rows, total] = await Promise.all([queryAudit(ctx.db, filter, { limit, offset }), countAudit(ctx.db, filter)]);
  await auditTheRead(ctx, actor, rest, 'audit.READ');
  return { results: rows.map(entryView), total };
}

/** At most this many entries in one CSV; narrow the dates for more. */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 2000;

/** The matching entries as CSV (csv-stringify), newest first, read in keyset pages. */
export async function exportAudit(ctx: AppContext, actor: AuthUser, query: AuditQuery): Promise<string> {
  const filter = await auditFilterFor(ctx, actor, query);
  const rows: AuditRow[] = [];
  let beforeId: number | undefined;
  while (rows.length < EXPORT_MAX_ROWS) {
    const page = await queryAudit(ctx.db, filter, { limit: Math.min(PAGE, EXPORT_MAX_ROWS - rows.length), beforeId });
    rows.push(...page);
    if (page.length < PAGE) break;
    beforeId = page[page.length - 1].id;
  }
  await auditTheRead(ctx, actor, query, 'audit.EXPORT');
  return stringify(
    rows.map((r) => {
      const e = entryView(r);
      return [
        e.at,
        e.action,
        e.actorUsername ?? e.actorId ?? '',
        e.actorName ?? '',
        e.actorRole ?? '',
        e.subjectType,
        e.subjectId,
        e.record?.trackingId ?? '',
        e.ip ?? '',
        e.details ? JSON.stringify(e.details) : '',
      ];
    }),
    {
      header: true,
      columns: [
        'at',
        'action',
        'actor',
        'actor_name',
        'actor_role',
        'subject_type',
        'subject_id',
        'tracking_id',
        'ip',
        'details',
      ],
    },
  );
}
