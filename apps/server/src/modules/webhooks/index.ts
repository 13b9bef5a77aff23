/** Webhooks: subscriptions, deliveries queued with each record change, and their delivery (Standard Webhooks). */
export { webhookRoutes } from './routes.ts';
export { webhookListener, OUTBOX_CHANNEL, WEBHOOK_JOB } from './listener.ts';
export { webhookHandler } from './handler.ts';
export { startSubscriptionCache, SubscriptionCache, WEBHOOKS_CHANNEL } from './subscription-cache.ts';
