import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';

export interface AuditFilter {
  /** What this user did, and what was done to their account. */
  userId?: string;
  eventId?: string;
  /** An exact action, or a prefix ending in "*" (e.g. "record.*"). */
  action?: string;
  from?: Date;
  to?: Date;
  /** Only entries by staff of offices under this materialised path, or of this office. */
  actorWithinPath?: string;
  actorOfficeId?: string;
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_username: string | null;
  actor_name: string | null;
  subject_type: string;
  subject_id: string;
  ip: string | null;
  details: Record<string, unknown> | null;
  tracking_id: string | null;
  record_title: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

function filtered(db: Db, f: AuditFilter): SelectQueryBuilder<Database, 'audit_log', object> {
  let q = db.selectFrom('audit_log');
  if (f.userId) {
    const id = f.userId;
    q = q.where((eb) => eb.or([eb('audit_log.actor_id', '=', id), eb('audit_log.stream', '=', `user:${id}`)]));
  }
  if (f.eventId) q = q.where('audit_log.stream', '=', `event:${f.eventId}`);
  if (f.action) {
    q = f.action.endsWith('*')
      ? q.where('audit_log.action', 'like', `${escapeLike(f.action.slice(0, -1))}%`)
      : q.where('audit_log.action', '=', f.action);
  }
  if (f.from) q = q.where('audit_log.at', '>=', f.from);
  if (f.to) q = q.where('audit_log.at', '<', f.to);
  if (f.actorWithinPath || f.actorOfficeId) {
    const path = f.actorWithinPath;
    const office = f.actorOfficeId;
    q = q.where('audit_log.actor_id', 'in', (eb) => {
      let users = eb.selectFrom('users').select(sql<string>`users.id::text`.as('id'));
      if (office) users = users.where('users.primary_office_id', '=', office);
      if (path) {
        users = users.where('users.primary_office_id', 'in', (inner) =>
          inner
            .selectFrom('locations')
            .select('locations.id')
            .where('locations.path', 'like', `${escapeLike(path)}%`),
        );
      }
      return users;
    });
  }
  return q;
}

/** A page of entries, newest first, with who did them and, for records, which record. */
export async function queryAudit(
  db: Db,
  f: AuditFilter,
  page: { limit: number; offset?: number; beforeId?: number },
): Promise<AuditRow[]> {
  let q = filtered(db, f)
    // users.id is a uuid, actors are text (users, system clients, or none for the system itself).
    .leftJoin('users', (join) => join.on(sql<boolean>`users.id::text = audit_log.actor_id`))
    .leftJoin('event_index', (join) =>
      // CASE, so the uuid cast only ever sees record ids (other subjects are usernames, hashes...).
      join.on(
        sql<boolean>`event_index.event_id = (CASE WHEN audit_log.subject_type = 'event' THEN audit_log.subject_id::uuid END)`,
      ),
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.actor_id',
      'audit_log.actor_role',
      'users.username as actor_username',
      // An integration client acts under its own id: its name (table of modules/integrations, read-only here).
      sql<string | null>`COALESCE(users.firstname || ' ' || users.surname,
        CASE WHEN audit_log.actor_role LIKE 'client:%'
             THEN (SELECT 'client: ' || c.name FROM system_clients c WHERE c.id::text = audit_log.actor_id) END)`.as(
        'actor_name',
      ),
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.ip',
      'audit_log.details',
      'event_index.tracking_id',
      'event_index.title as record_title',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(page.limit);
  if (page.beforeId) q = q.where('audit_log.id', '<', page.beforeId);
  if (page.offset) q = q.offset(page.offset);
  return (await q.execute()) as AuditRow[];
}

export async function countAudit(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
