import { createHash, randomUUID } from 'node:crypto';
import {
  verifiedClaims,
  verifiedFields,
  type IdentityCheckView,
  type ScopeName,
  type VerifiedClaims,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { OidcSettings } from '../../lib/env.ts';
import { badRequest, conflict, HttpError, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { loadDocument, requireScope, type EventDocument } from '../events/index.ts';
import { requireRead } from '../access/index.ts';
import { authorizationRequest, exchangeCode, providerConfig } from './oidc.ts';
import { withIdentityChecks } from './tables.ts';

/** How long a person has to sign in at the provider and come back. */
const CHECK_MINUTES = 10;
/** Who may check an identity: whoever fills in or reviews the declaration. */
const DECLARING_SCOPES: ScopeName[] = ['record.declare', 'record.validate', 'record.register', 'record.notify'];
/** A declaration can still change in these statuses. */
const OPEN = new Set(['CREATED', 'NOTIFIED', 'DECLARED']);

const hashOf = (state: string) => createHash('sha256').update(state).digest('base64url');

function settingsOf(ctx: AppContext): OidcSettings {
  if (!ctx.env.oidc) {
    throw conflict('this registry has no national ID provider configured (OIDC_ISSUER and the other OIDC_ settings)');
  }
  return ctx.env.oidc;
}

const badGateway = (detail: string): HttpError => new HttpError(502, 'Bad Gateway', detail);

/** The record, if the caller may read it and work on its declaration (one of the declaring scopes reaching it). */
async function recordToCheck(ctx: AppContext, user: AuthUser, eventId: string): Promise<EventDocument> {
  const doc = await loadDocument(ctx.db, eventId);
  if (!doc) throw notFound(`no record ${eventId}`);
  const place = { createdAtLocation: doc.createdAtLocation, placeOfEvent: doc.placeOfEvent };
  requireRead(ctx.country, user, { type: doc.type, createdBy: doc.createdBy, status: doc.status, ...place });
  let refusal: unknown;
  for (const scope of DECLARING_SCOPES) {
    try {
      requireScope(ctx.country, user, scope, doc.type, place);
      return doc;
    } catch (error) {
      refusal ??= error;
    }
  }
  throw refusal;
}

/**
 * Start checking the identity of one person of a record (`mother`, `informant`...): the authorization URL to send
 * them to (authorization code + PKCE), with the state, nonce and PKCE verifier kept here, never in the browser.
 */
export async function startIdentityCheck(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
  person: string,
): Promise<{ id: string; authorizationUrl: string; expiresAt: string }> {
  const doc = await recordToCheck(ctx, user, eventId);
  const config = ctx.country.events.get(doc.type)!;
  if (!config.pages.some((p) => p.fields.some((f) => f.id === `${person}.name`))) {
    throw badRequest(`the ${doc.type} form has no person "${person}"`, [
      { field: 'person', message: 'a section of the form with a name, e.g. mother or informant' },
    ]);
  }
  if (!OPEN.has(doc.status)) throw conflict(`the declaration of a ${doc.status.toLowerCase()} record cannot change`);
  const settings = settingsOf(ctx);
  const provider = await providerConfig(settings, ctx.env.production).catch((error: Error) => {
    throw badGateway(`the national ID provider cannot be reached: ${error.message}`);
  });
  const request = await authorizationRequest(settings, provider);
  const id = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CHECK_MINUTES * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    await withIdentityChecks(trx)
      .insertInto('identity_checks')
      .values({
        id,
        event_id: eventId,
        person,
        started_by: user.id,
        state_hash: hashOf(request.state),
        code_verifier: request.codeVerifier,
        nonce: request.nonce,
        status: 'pending',
        claims: null,
        fields: null,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    await appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'identity.check-started',
      subjectType: 'event',
      subjectId: eventId,
      details: { checkId: id, person },
    });
  });
  return { id, authorizationUrl: request.url, expiresAt: expiresAt.toISOString() };
}

const viewOf = (row: {
  id: string;
  event_id: string;
  person: string;
  status: 'pending' | 'verified';
  completed_at: Date | string | null;
  claims: Record<string, unknown> | null;
  fields: Record<string, unknown> | null;
}): IdentityCheckView => ({
  id: row.id,
  eventId: row.event_id,
  person: row.person,
  status: row.status,
  verifiedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  claims: row.claims as VerifiedClaims | null,
  fields: row.fields,
});

/**
 * The provider's callback: the state names the check (only its starter may complete it, once, before it expires);
 * the code is exchanged with the PKCE verifier, the ID token checked (issuer, audience, nonce), the claims read from
 * it and userinfo. The verified claims and the declaration fields they fill are kept with the record, audited.
 */
export async function completeIdentityCheck(
  ctx: AppContext,
  user: AuthUser,
  callback: { state: string; code: string; iss?: string },
): Promise<IdentityCheckView> {
  const settings = settingsOf(ctx);
  const row = await withIdentityChecks(ctx.db)
    .selectFrom('identity_checks')
    .selectAll()
    .where('state_hash', '=', hashOf(callback.state))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (!row || row.started_by !== user.id || new Date(row.expires_at) < new Date()) {
    throw badRequest('no identity check waits for this state: it is unknown, used or expired; start again', [
      { field: 'state', message: 'unknown, used or expired' },
    ]);
  }
  const doc = await recordToCheck(ctx, user, row.event_id);
  const provider = await providerConfig(settings, ctx.env.production).catch((error: Error) => {
    throw badGateway(`the national ID provider cannot be reached: ${error.message}`);
  });
  let raw: Record<string, unknown>;
  try {
    raw = await exchangeCode(settings, provider, callback, { codeVerifier: row.code_verifier!, nonce: row.nonce! });
  } catch (error) {
    throw badRequest(`the national ID provider did not vouch for this person: ${(error as Error).message}`, [
      { field: 'code', message: 'refused by the provider' },
    ]);
  }
  const claims = verifiedClaims(raw, settings.nationalIdClaim);
  const fields = verifiedFields(ctx.country.events.get(doc.type)!, row.person, claims);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const updated = await withIdentityChecks(trx)
      .updateTable('identity_checks')
      .set({
        status: 'verified',
        claims: JSON.stringify(claims),
        fields: JSON.stringify(fields),
        completed_at: new Date(),
        code_verifier: null,
        nonce: null,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw badRequest('this identity check was already completed', [{ field: 'state', message: 'used' }]);
    await appendAudit(trx, {
      stream: `event:${row.event_id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'identity.verified',
      subjectType: 'event',
      subjectId: row.event_id,
      details: { checkId: row.id, person: row.person, fields: Object.keys(fields), issuer: settings.issuer },
    });
    return updated;
  });
  return viewOf(done);
}

/** The verified identity checks of a record (personal data: the read is audited). */
export async function listIdentityChecks(
  ctx: AppContext,
  user: AuthUser,
  eventId: string,
): Promise<IdentityCheckView[]> {
  const doc = await loadDocument(ctx.db, eventId);
  if (!doc) throw notFound(`no record ${eventId}`);
  requireRead(ctx.country, user, {
    type: doc.type,
    createdBy: doc.createdBy,
    status: doc.status,
    createdAtLocation: doc.createdAtLocation,
    placeOfEvent: doc.placeOfEvent,
  });
  const rows = await verifiedChecks(ctx.db, eventId);
  // Nothing personal was read when the record has no verified check.
  if (!rows.length) return [];
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'identity.READ',
      subjectType: 'event',
      subjectId: eventId,
    }),
  );
  return rows.map(viewOf);
}

/** The latest verified check of each person of a record. */
export async function verifiedChecks(db: AppContext['db'], eventId: string) {
  const rows = await withIdentityChecks(db)
    .selectFrom('identity_checks')
    .select(['id', 'event_id', 'person', 'status', 'completed_at', 'claims', 'fields', 'stamped_action_id'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'verified')
    .orderBy('completed_at', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.person) && seen.add(r.person));
}
