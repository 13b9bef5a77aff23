import type { TemplateId } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { PermanentJobError, type JobHandler } from '../outbox/index.ts';
import { renderMessage } from './messages.ts';
import type { DeliveryChannel, MessageTransport } from './transport.ts';

export const NOTIFICATION_JOB = 'notification';

/** The stored part of a message job: everything but its secrets (codes), which the outbox keeps apart. */
export interface NotificationPayload {
  [key: string]: unknown;
  template: TemplateId;
  channel: DeliveryChannel;
  to: string;
  language: string;
  /** Placeholder values that may be shown to operators. */
  values: Record<string, string>;
  userId: string | null;
  /** A message about something that expires (a code) is not worth sending after that. */
  expiresAt: string | null;
}

/** Sends `notification` jobs: fills the template at send time, with the secret values, on the job's channel. */
export function notificationHandler(
  ctx: Pick<AppContext, 'country'>,
  transports: Partial<Record<DeliveryChannel, MessageTransport>>,
): JobHandler<NotificationPayload> {
  return {
    kind: NOTIFICATION_JOB,
    async run(job) {
      const p = job.payload;
      if (p.expiresAt && new Date(p.expiresAt).getTime() <= Date.now()) {
        throw new PermanentJobError(`not sent: what it carried expired at ${p.expiresAt}`);
      }
      const transport = transports[p.channel];
      if (!transport) throw new PermanentJobError(`this server has no ${p.channel} transport (NOTIFICATION_TRANSPORT)`);
      const secrets = Object.fromEntries(Object.entries(job.secrets ?? {}).map(([k, v]) => [k, String(v)]));
      const message = renderMessage(ctx.country, p.template, p.language, p.channel, { ...p.values, ...secrets });
      await transport.send({ channel: p.channel, to: p.to, ...message });
    },
  };
}
