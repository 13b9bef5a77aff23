import { z } from 'zod';
import type { ActionStatus, ActionType } from './actions.ts';

/**
 * Webhook events: `<event type>.<what happened>`, e.g. `birth.registered`. A subscription names events or
 * patterns with `*` for either part: `*.registered`, `birth.*`, `*.*`.
 */
export const WEBHOOK_VERBS: Partial<Record<ActionType, string>> = {
  NOTIFY: 'notified',
  DECLARE: 'declared',
  VALIDATE: 'validated',
  REGISTER: 'registered',
  REJECT: 'rejected',
  ARCHIVE: 'archived',
  APPROVE_CORRECTION: 'corrected',
  REVOKE: 'revoked',
  REINSTATE: 'reinstated',
  PRINT_CERTIFICATE: 'certified',
  ISSUE_CERTIFICATE: 'certificate-issued',
  MARK_AS_DUPLICATE: 'marked-duplicate',
};

/**
 * Actions recorded as requested, waiting for an outside system: a registration the national ID system must
 * confirm (`birth.registration-requested`), and its refusal.
 */
export const WEBHOOK_REQUEST_VERBS: Partial<Record<ActionType, { Requested: string; Rejected: string }>> = {
  REGISTER: { Requested: 'registration-requested', Rejected: 'registration-rejected' },
};

const verbs = () =>
  [
    ...Object.values(WEBHOOK_VERBS),
    ...Object.values(WEBHOOK_REQUEST_VERBS).flatMap((v) => [v.Requested, v.Rejected]),
  ] as string[];

/** The event name of an action on a record of `eventType`, or null when the action is not announced. */
export function webhookEventOf(
  eventType: string,
  action: ActionType,
  status: ActionStatus = 'Accepted',
): string | null {
  const verb = status === 'Accepted' ? WEBHOOK_VERBS[action] : WEBHOOK_REQUEST_VERBS[action]?.[status];
  return verb ? `${eventType}.${verb}` : null;
}

/** The patterns that match `event` (what to look subscriptions up by). */
export function patternsMatching(event: string): string[] {
  const [type, verb] = event.split('.');
  return [event, `*.${verb}`, `${type}.*`, '*.*', '*'];
}

export const WebhookEventPattern = z
  .string()
  .max(64)
  .refine(
    (p) => p === '*' || /^(\*|[a-z][a-z0-9-]*)\.(\*|[a-z][a-z-]*)$/.test(p),
    'not an event (type.verb, * for either)',
  )
  .refine((p) => p === '*' || p.endsWith('.*') || verbs().includes(p.split('.')[1]), {
    message: `the verb must be one of ${verbs().join(', ')} or *`,
  });

export const CreateWebhookBody = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('where to POST each event (http or https)'),
  events: z.array(WebhookEventPattern).min(1).max(50).describe('e.g. ["birth.registered", "*.corrected"]'),
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'a Standard Webhooks secret: whsec_ and 24 to 64 bytes in base64')
    .optional()
    .describe('the signing secret (Standard Webhooks, whsec_...); default: a new one, answered once'),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  ownerId: z.string().describe('the client (or administrator) who subscribed'),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const WebhookWithSecret = WebhookView.extend({
  secret: z.string().describe('the signing secret: shown once, at creation'),
});
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;
