import { Webhook } from 'standardwebhooks';
import { fetch, type Response } from 'undici';
import type { AppContext } from '../../context.ts';
import { appendAudit } from '../audit/index.ts';
import { DeferJobError, PermanentJobError, type JobHandler } from '../outbox/index.ts';
import { earlierUndelivered, findSubscription } from './repository.ts';
import { WEBHOOK_JOB, type WebhookJob } from './listener.ts';
import { checkWebhookUrl, UrlRefused, urlPolicyOf } from './url-guard.ts';

/** How long a subscriber has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** While an earlier delivery of the record is on its first try, look again this soon. */
const FIRST_TRY_RECHECK_MS = 200;

/**
 * Delivers one webhook: POST of the JSON body with the Standard Webhooks headers (webhook-id, webhook-timestamp,
 * webhook-signature), signed with the subscription's secret. A 2xx answer is done; anything else (or no answer
 * within the timeout) is retried by the outbox with exponential backoff, then parked for the administrator.
 * Deliveries of one record to one subscription go out in order: a later one waits for the earlier.
 */
export function webhookHandler(ctx: AppContext, timeoutMs = DELIVERY_TIMEOUT_MS): JobHandler<WebhookJob> {
  return {
    kind: WEBHOOK_JOB,
    async run(job) {
      const { subscriptionId, orderKey, messageId, body } = job.payload;
      const subscription = await findSubscription(ctx.db, subscriptionId);
      if (!subscription || subscription.deleted_at) throw new PermanentJobError('the subscription was deleted');
      const earlier = await earlierUndelivered(ctx.db, orderKey, job.id);
      if (earlier?.status === 'failed') {
        throw new PermanentJobError(
          `an earlier delivery of this record (job ${earlier.id}) failed: redeliver it first`,
        );
      }
      if (earlier) {
        // On its first try (perhaps in flight now) it is done in moments; after that, not before its next try.
        const wait = earlier.attempts <= 1 ? 0 : new Date(earlier.next_attempt_at).getTime() - Date.now();
        throw new DeferJobError(
          `waiting for the earlier delivery of this record (job ${earlier.id})`,
          Math.max(FIRST_TRY_RECHECK_MS, Math.min(wait, 60 * 60_000)),
        );
      }
      // Checked again at every delivery: the name may point elsewhere now (DNS rebinding), and the connection
      // itself resolves through the same check (the guarded agent), so what is checked is what is connected to.
      const { policy, agent } = urlPolicyOf(ctx);
      try {
        await checkWebhookUrl(subscription.url, policy);
      } catch (error) {
        if (error instanceof UrlRefused && !error.transient)
          throw new PermanentJobError(`${subscription.url}: ${error.message}`);
        throw error;
      }
      const declaration = job.secrets?.declaration;
      const text = JSON.stringify(declaration === undefined ? body : { ...body, data: { ...body.data, declaration } });
      const now = new Date();
      const signature = new Webhook(subscription.secret).sign(messageId, now, text);
      let response: Response;
      try {
        response = await fetch(subscription.url, {
          dispatcher: agent,
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Lifeline-Webhooks/1',
            'webhook-id': messageId,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': signature,
          },
          body: text,
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        if (cause?.code === 'EWEBHOOKADDRESS') throw new PermanentJobError(`${subscription.url}: ${cause.message}`);
        const reason =
          error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : String(error);
        throw new Error(`${subscription.url}: ${reason}`, { cause: error });
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status > 299) {
        throw new Error(`${subscription.url} answered ${response.status}`);
      }
      // A declaration handed to a subscriber is a read of personal data: audited on the subscriber's stream.
      if (declaration !== undefined) {
        await ctx.db.transaction().execute((trx) =>
          appendAudit(trx, {
            stream: `user:${subscription.owner_id}`,
            actorId: subscription.owner_id,
            actorRole: null,
            action: 'record.WEBHOOK',
            subjectType: 'event',
            subjectId: String(body.data.recordId),
            details: { subscriptionId, messageId, type: body.type },
          }),
        );
      }
    },
  };
}
