import { randomUUID } from 'node:crypto';
import { patternsMatching, placeOfEvent, webhookEventOf } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { canRead } from '../access/index.ts';
import { notify } from '../auth/repository.ts';
import type { RecordChange, RecordChangeListener } from '../events/changes.ts';
import { enqueue } from '../outbox/index.ts';
import { SubscriptionCache } from './subscription-cache.ts';
import { subscriberOf } from './subscriber.ts';

export const WEBHOOK_JOB = 'webhook';
/** Never listening, so it keeps nothing. */
const uncached = new SubscriptionCache();
/** Every server copy's worker listens here: a delivery committed anywhere is picked up at once. */
export const OUTBOX_CHANNEL = 'lifeline_outbox';
/** Attempts from 10 s doubling to the worker's 1 h ceiling: a little over a day of trying before parking. */
export const WEBHOOK_MAX_ATTEMPTS = 40;

/** What every delivery of a job carries (the declaration, when the subscriber may read it, is kept apart). */
export interface WebhookJob {
  subscriptionId: string;
  /** Deliveries with the same key go out in the order they were queued. */
  orderKey: string;
  messageId: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * Queues a delivery for every subscription to every announced action of a change, in the change's own
 * transaction: a delivery exists if and only if the action commits. The record's declaration goes with it only
 * when the subscriber's scopes let it read the record (the access rule), and is kept in the job's secrets: never
 * listed to operators, erased once delivered.
 */
export function webhookListener(ctx: AppContext): RecordChangeListener {
  return async (trx: Db, change: RecordChange) => {
    const announced = change.actions
      .map((action) => ({ action, event: webhookEventOf(change.eventType, action.type, action.status) }))
      .filter((a): a is { action: (typeof change.actions)[number]; event: string } => a.event !== null);
    if (!announced.length) return;
    const patterns = [...new Set(announced.flatMap((a) => patternsMatching(a.event)))];
    // Without a cache (a context made outside createRuntime) an unstarted one reads the table every time.
    const subscriptions = await (ctx.webhookSubscriptions ?? uncached).matching(trx, patterns);
    if (!subscriptions.length) return;
    const config = ctx.country.events.get(change.eventType);
    const facts = {
      type: change.eventType,
      createdBy: change.after.createdBy,
      status: change.after.status,
      createdAtLocation: change.after.createdAtLocation,
      placeOfEvent: config ? placeOfEvent(config, change.after.declaration) : null,
    };
    for (const subscription of subscriptions) {
      const subscriber = await subscriberOf(ctx, trx, subscription.owner_id);
      const personal = subscriber && canRead(ctx.country, subscriber, facts);
      for (const { action, event } of announced) {
        if (!patternsMatching(event).some((p) => subscription.events.includes(p))) continue;
        const job: WebhookJob = {
          subscriptionId: subscription.id,
          orderKey: `${subscription.id}:${change.eventId}`,
          messageId: `msg_${randomUUID()}`,
          body: {
            type: event,
            timestamp: action.createdAt,
            data: {
              recordId: change.eventId,
              trackingId: change.trackingId,
              eventType: change.eventType,
              action: action.type,
              actionId: action.id,
              actionStatus: action.status,
              status: change.after.status,
              flags: change.after.flags,
              registrationNumber: change.after.registrationNumber,
            },
          },
        };
        await enqueue(
          trx,
          WEBHOOK_JOB,
          { ...job },
          {
            maxAttempts: WEBHOOK_MAX_ATTEMPTS,
            ...(personal ? { secrets: { declaration: change.after.declaration } } : {}),
          },
        );
      }
    }
    await notify(trx, OUTBOX_CHANNEL, 'webhook');
  };
}
