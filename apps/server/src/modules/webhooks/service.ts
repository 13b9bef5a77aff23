import { randomBytes, randomUUID } from 'node:crypto';
import {
  grantedJurisdiction,
  type CreateWebhookBody,
  type WebhookView,
  type WebhookWithSecret,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, forbidden, notFound } from '../../lib/errors.ts';
import { announceSubscriptionChange } from './subscription-cache.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { checkWebhookUrl, UrlRefused, urlPolicyOf } from './url-guard.ts';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  type SubscriptionRow,
} from './repository.ts';

/** The national system administrator sees and manages every subscription. */
const isAdmin = (user: AuthUser) => grantedJurisdiction(user.scopes, 'integration.create') === 'all';

/** A client subscribes for itself with webhook.subscribe; the administrator may subscribe too. */
function requireSubscriber(user: AuthUser) {
  if (isAdmin(user)) return;
  if (user.client && grantedJurisdiction(user.scopes, 'webhook.subscribe')) return;
  throw forbidden('subscribing to webhooks needs a WEBHOOK client (webhook.subscribe) or the national administrator');
}

export function webhookView(row: SubscriptionRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    ownerId: row.owner_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** A Standard Webhooks signing secret: whsec_ and 32 random bytes in base64. */
const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export async function createWebhook(
  ctx: AppContext,
  user: AuthUser,
  body: CreateWebhookBody,
): Promise<WebhookWithSecret> {
  requireSubscriber(user);
  const events = [...new Set(body.events)];
  const unknown = events
    .map((e, i) => ({ type: e.split('.')[0], i }))
    .filter(({ type }) => type !== '*' && !ctx.country.events.has(type));
  if (unknown.length) {
    throw badRequest(
      'events name event types this registry does not have',
      unknown.map(({ type, i }) => ({ field: `events.${i}`, message: `no event type "${type}"` })),
    );
  }
  try {
    await checkWebhookUrl(body.url, urlPolicyOf(ctx).policy);
  } catch (error) {
    if (!(error instanceof UrlRefused)) throw error;
    throw badRequest(`url: ${error.message}`, [{ field: 'url', message: error.message }]);
  }
  const secret = body.secret ?? newSigningSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertSubscription(trx, {
      id: randomUUID(),
      ownerId: user.id,
      url: body.url,
      events,
      secret,
    });
    await appendAudit(trx, {
      stream: `webhook:${created.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'webhook.SUBSCRIBE',
      subjectType: 'webhook',
      subjectId: created.id,
      details: { url: created.url, events },
    });
    await announceSubscriptionChange(trx);
    return created;
  });
  ctx.webhookSubscriptions?.changed();
  return { ...webhookView(row), secret };
}

export async function listWebhooks(ctx: AppContext, user: AuthUser): Promise<WebhookView[]> {
  requireSubscriber(user);
  return (await listSubscriptions(ctx.db, isAdmin(user) ? undefined : user.id)).map(webhookView);
}

/** Stop a subscription; deliveries already queued for it are parked (see the handler). */
export async function deleteWebhook(ctx: AppContext, user: AuthUser, id: string): Promise<void> {
  requireSubscriber(user);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findSubscription(trx, id);
    if (!row || row.deleted_at || (!isAdmin(user) && row.owner_id !== user.id)) throw notFound(`no webhook ${id}`);
    await deleteSubscription(trx, id);
    await appendAudit(trx, {
      stream: `webhook:${id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'webhook.DELETE',
      subjectType: 'webhook',
      subjectId: id,
      details: { url: row.url },
    });
    await announceSubscriptionChange(trx);
  });
  ctx.webhookSubscriptions?.changed();
}
