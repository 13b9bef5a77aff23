import type { Db } from '../../db/connect.ts';
import type { SessionFacts } from '../auth/session-registry.ts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { withClients } from './tables.ts';

/**
 * A client's tokens are checked like a user's login: through the sessions cache, under the key `client:<id>`,
 * dropped on every server copy by a `user:<id>` message when the client is disabled or its secret rotated. So a
 * client's request costs what a user's does: a Map lookup, or one indexed query on a miss.
 */
export const CLIENT_SESSION_PREFIX = 'client:';

export async function clientFacts(db: Db, clientId: string): Promise<SessionFacts | undefined> {
  if (!UUID.test(clientId)) return undefined;
  const row = await withClients(db)
    .selectFrom('system_clients')
    .select(['id', 'name', 'type', 'scopes', 'fields', 'office_id', 'secret_generation', 'disabled_at'])
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    userId: row.id,
    ended: false,
    expiresAt: Number.MAX_SAFE_INTEGER,
    status: row.disabled_at ? 'disabled' : 'active',
    role: `client:${row.type}`,
    officeId: row.office_id ?? '',
    mustChangePassword: false,
    client: { name: row.name, generation: row.secret_generation, scopes: row.scopes, fields: row.fields },
  };
}
