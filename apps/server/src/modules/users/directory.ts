import type { UserDetails, UserPage } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { officeInReach, requireReadReach, type Reach } from './access.ts';
import { detailsOf } from './details.ts';
import { findUserById, searchUsers, type UserSearch, type UserRow } from './repository.ts';

export interface UserQuery {
  officeId?: string;
  role?: string;
  status?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** The SQL filter that keeps a search within a reach. */
function reachFilter(ctx: AppContext, reach: Reach): Pick<UserSearch, 'officeId' | 'withinPath'> {
  if (reach.jurisdiction === 'all') return {};
  if (reach.jurisdiction === 'area' && reach.areaId)
    return { withinPath: ctx.country.locations.pathString(reach.areaId) };
  return { officeId: reach.officeId };
}

/**
 * Staff in the caller's jurisdiction (user.read or user.search), by office, role, status and name, a page at a
 * time. Contact details are personal data: the listing is audited on the caller's stream.
 */
export async function listUsers(ctx: AppContext, actor: AuthUser, query: UserQuery): Promise<UserPage> {
  const reach = requireReadReach(ctx.country, actor);
  if (query.officeId && !officeInReach(ctx.country, reach, query.officeId)) {
    throw forbidden(`office ${query.officeId} is outside your jurisdiction (${reach.jurisdiction})`);
  }
  const { rows, total } = await searchUsers(ctx.db, {
    ...reachFilter(ctx, reach),
    ...(query.officeId ? { officeId: query.officeId } : {}),
    role: query.role,
    status: query.status,
    q: query.q,
    limit: query.limit,
    offset: query.offset,
  });
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `user:${actor.id}`,
      actorId: actor.id,
      actorRole: actor.role,
      action: 'user.LIST',
      subjectType: 'users',
      subjectId: query.officeId ?? '*',
      details: { ...query, shown: rows.length },
    }),
  );
  return { results: await detailsOf(ctx, rows), total };
}

/** A user the caller may see: themselves, or anyone in the reach of their user.read. 404 for an unknown id. */
export async function visibleUser(ctx: AppContext, actor: AuthUser, id: string): Promise<UserRow> {
  const row = await findUserById(ctx.db, id);
  if (!row) throw notFound(`no user ${id}`);
  if (row.id === actor.id) return row;
  const reach = requireReadReach(ctx.country, actor);
  if (!officeInReach(ctx.country, reach, row.primary_office_id)) {
    throw forbidden(`this user's office is outside your jurisdiction (${reach.jurisdiction})`);
  }
  return row;
}

export async function getUser(ctx: AppContext, actor: AuthUser, id: string): Promise<UserDetails> {
  const row = await visibleUser(ctx, actor, id);
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `user:${row.id}`,
      actorId: actor.id,
      actorRole: actor.role,
      action: 'user.READ',
      subjectType: 'user',
      subjectId: row.id,
    }),
  );
  return (await detailsOf(ctx, [row]))[0];
}
