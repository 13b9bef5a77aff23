import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withClients, type SystemClientsTable } from './tables.ts';

export type ClientRow = Selectable<SystemClientsTable>;

export interface NewClient {
  id: string;
  name: string;
  type: string;
  scopes: string[];
  fields: string[] | null;
  officeId: string | null;
  secretHash: string;
  createdBy: string;
}

export async function insertClient(trx: Db, client: NewClient): Promise<ClientRow> {
  return withClients(trx)
    .insertInto('system_clients')
    .values({
      id: client.id,
      name: client.name,
      type: client.type,
      scopes: client.scopes,
      fields: client.fields,
      office_id: client.officeId,
      secret_hash: client.secretHash,
      created_at: sql<Date>`now()`,
      created_by: client.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listClients(db: Db): Promise<ClientRow[]> {
  return withClients(db).selectFrom('system_clients').selectAll().orderBy('created_at', 'desc').execute();
}

/** One client by id; `lock` holds it for the rest of the caller's transaction. */
export function findClient(db: Db, id: string, lock = false): Promise<ClientRow | undefined> {
  const query = withClients(db).selectFrom('system_clients').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Replace a client's field allow-list (null: every field). */
export async function setFields(trx: Db, id: string, fields: string[] | null): Promise<ClientRow> {
  return withClients(trx)
    .updateTable('system_clients')
    .set({ fields })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function disableClient(trx: Db, id: string, by: string): Promise<void> {
  await withClients(trx)
    .updateTable('system_clients')
    .set({ disabled_at: sql<Date>`now()`, disabled_by: by })
    .where('id', '=', id)
    .execute();
}

/** Store a new secret's hash; every token of the previous generation stops working. */
export async function replaceSecret(trx: Db, id: string, secretHash: string): Promise<ClientRow> {
  return withClients(trx)
    .updateTable('system_clients')
    .set({
      secret_hash: secretHash,
      secret_generation: sql<number>`secret_generation + 1`,
      secret_rotated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The clients among `ids`, named as staff are wherever a record's history says who acted. */
export async function clientsAmong(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await withClients(db)
    .selectFrom('system_clients')
    .select(['id', 'name', 'type', 'office_id'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: `client:${r.id}`,
    firstname: r.name,
    surname: '',
    role: `client:${r.type}`,
    primaryOfficeId: r.office_id ?? '',
  }));
}
