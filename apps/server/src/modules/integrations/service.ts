import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CLIENT_SCOPES,
  formFields,
  clientScopeProblem,
  grantedJurisdiction,
  parseScope,
  type ClientType,
  type ClientView,
  type ClientWithSecret,
  type CreateClientBody,
  type FieldError,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { notify } from '../auth/repository.ts';
import { SESSIONS_CHANNEL } from '../auth/session-registry.ts';
import type { AuthUser } from '../auth/types.ts';
import {
  disableClient,
  findClient,
  insertClient,
  listClients,
  replaceSecret,
  setFields,
  type ClientRow,
} from './repository.ts';
import { hashClientSecret, newClientSecret } from './secrets.ts';

/** Integration clients are the national system administrator's: integration.create everywhere. */
export function requireIntegrationAdmin(user: AuthUser): void {
  if (grantedJurisdiction(user.scopes, 'integration.create') !== 'all') {
    throw forbidden('only a national system administrator (integration.create) manages integration clients');
  }
}

export function clientView(row: ClientRow): ClientView {
  return {
    id: row.id,
    clientId: row.id,
    name: row.name,
    type: row.type as ClientType,
    scopes: row.scopes,
    officeId: row.office_id,
    fields: row.fields,
    status: row.disabled_at ? 'disabled' : 'active',
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    secretRotatedAt: row.secret_rotated_at?.toISOString() ?? null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

/** The checks of a new client: scopes a client may hold, and an office wherever a scope is not national. */
function problemsOf(ctx: AppContext, body: CreateClientBody, scopes: string[]): FieldError[] {
  const errors: FieldError[] = [];
  scopes.forEach((text, i) => {
    const problem = clientScopeProblem(text);
    if (problem) errors.push({ field: `scopes.${i}`, message: problem });
  });
  const office = body.officeId ? ctx.country.locations.get(body.officeId) : undefined;
  // A workplace, as for staff: a CRVS office, or the health facility a health system speaks for.
  if (body.officeId && office?.type !== 'CRVS_OFFICE' && office?.type !== 'HEALTH_FACILITY') {
    errors.push({ field: 'officeId', message: `no CRVS office or health facility "${body.officeId}"` });
  }
  errors.push(...fieldProblems(ctx, body.fields ?? null));
  const local = !errors.length && scopes.some((s) => parseScope(s).jurisdiction !== 'all');
  if (!body.officeId && (body.type === 'HEALTH_SYSTEM' || local)) {
    errors.push({
      field: 'officeId',
      message:
        body.type === 'HEALTH_SYSTEM'
          ? 'a HEALTH_SYSTEM client needs the office or health facility whose jurisdiction its notifications belong to'
          : 'scopes limited to an office or area need the client to have an office',
    });
  }
  return errors;
}

/** Field ids no form of the country has. */
function fieldProblems(ctx: AppContext, fields: readonly string[] | null): FieldError[] {
  if (!fields) return [];
  const known = new Set(ctx.country.config.events.flatMap((e) => formFields(e).map(({ field }) => field.id)));
  return fields.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `fields.${i}`, message: `no form has a field "${id}"` }],
  );
}

/** The change takes effect on every server copy once committed: the client's tokens are checked afresh. */
async function announce(ctx: AppContext, trx: Db, clientId: string) {
  ctx.sessions?.expect(`user:${clientId}`);
  await notify(trx, SESSIONS_CHANNEL, `user:${clientId}`);
}

async function audit(trx: Db, user: AuthUser, action: string, row: ClientRow, details: Record<string, unknown>) {
  await appendAudit(trx, {
    stream: `client:${row.id}`,
    actorId: user.id,
    actorRole: user.role,
    action,
    subjectType: 'system_client',
    subjectId: row.id,
    details: { name: row.name, type: row.type, ...details },
  });
}

export async function createClient(ctx: AppContext, user: AuthUser, body: CreateClientBody): Promise<ClientWithSecret> {
  requireIntegrationAdmin(user);
  const scopes = [...new Set(body.scopes ?? DEFAULT_CLIENT_SCOPES[body.type])];
  const errors = problemsOf(ctx, body, scopes);
  if (errors.length) throw badRequest(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  const secret = newClientSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertClient(trx, {
      id: randomUUID(),
      name: body.name,
      type: body.type,
      scopes,
      fields: body.fields ? [...new Set(body.fields)] : null,
      officeId: body.officeId ?? null,
      secretHash: hashClientSecret(secret),
      createdBy: user.id,
    });
    await audit(trx, user, 'client.CREATE', created, { scopes, officeId: created.office_id, fields: created.fields });
    return created;
  });
  return { ...clientView(row), clientSecret: secret };
}

export async function listClientViews(ctx: AppContext, user: AuthUser): Promise<ClientView[]> {
  requireIntegrationAdmin(user);
  return (await listClients(ctx.db)).map(clientView);
}

/** Disable a client: its tokens stop working at once, and it can get no more. Disabling twice changes nothing. */
export async function disableSystemClient(ctx: AppContext, user: AuthUser, id: string): Promise<ClientView> {
  requireIntegrationAdmin(user);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findClient(trx, id, true);
    if (!row) throw notFound(`no integration client ${id}`);
    if (row.disabled_at) return clientView(row);
    await disableClient(trx, id, user.id);
    await audit(trx, user, 'client.DISABLE', row, {});
    await announce(ctx, trx, id);
    return clientView((await findClient(trx, id))!);
  });
}

/** A new secret for a client; the old secret and every token issued with it stop working at once. */
export async function rotateClientSecret(ctx: AppContext, user: AuthUser, id: string): Promise<ClientWithSecret> {
  requireIntegrationAdmin(user);
  const secret = newClientSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const found = await findClient(trx, id, true);
    if (!found) throw notFound(`no integration client ${id}`);
    if (found.disabled_at) throw conflict(`integration client ${id} is disabled: create a new one`);
    const rotated = await replaceSecret(trx, id, hashClientSecret(secret));
    await audit(trx, user, 'client.ROTATE_SECRET', rotated, { generation: rotated.secret_generation });
    await announce(ctx, trx, id);
    return rotated;
  });
  return { ...clientView(row), clientSecret: secret };
}

/**
 * Set which declaration fields a client may see (null: every field). Takes effect at once on every server copy:
 * its next request is answered with the new list.
 */
export async function setClientFields(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  fields: string[] | null,
): Promise<ClientView> {
  requireIntegrationAdmin(user);
  const errors = fieldProblems(ctx, fields);
  if (errors.length) throw badRequest(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findClient(trx, id, true);
    if (!found) throw notFound(`no integration client ${id}`);
    const row = await setFields(trx, id, fields ? [...new Set(fields)] : null);
    await audit(trx, user, 'client.SET_FIELDS', row, { before: found.fields, fields: row.fields });
    await announce(ctx, trx, id);
    return clientView(row);
  });
}
