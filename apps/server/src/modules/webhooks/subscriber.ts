import { parseScope } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import type { AuthUser } from '../auth/types.ts';
import { clientFacts } from '../integrations/facts.ts';

/**
 * Who a subscription speaks for, as the access rule sees them now: its client (scopes and office), or the
 * administrator who made it (their role's scopes). Undefined when the owner is gone or disabled: nothing personal.
 */
export async function subscriberOf(ctx: AppContext, db: Db, ownerId: string): Promise<AuthUser | undefined> {
  const client = await clientFacts(db, ownerId);
  if (client?.client) {
    if (client.status !== 'active') return undefined;
    return {
      id: client.userId,
      username: client.client.name,
      role: client.role,
      scopes: client.client.scopes.map(parseScope),
      primaryOfficeId: client.officeId,
      // A client limited to some fields gets no declaration in payloads (canRead refuses it whole records).
      client: { name: client.client.name, fields: client.client.fields ?? null },
    };
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'primary_office_id', 'status'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  const role = user && ctx.country.roles.get(user.role);
  if (!user || !role || user.status !== 'active') return undefined;
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    scopes: role.scopes,
    primaryOfficeId: user.primary_office_id,
  };
}
