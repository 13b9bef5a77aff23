import type { DeliveryChannel, MessageTransport } from '../notifications/index.ts';
import { PermanentJobError, type JobHandler } from '../outbox/index.ts';

export const STAFF_EMAIL_JOB = 'staff-email';

export interface StaffEmailPayload {
  [key: string]: unknown;
  channel: DeliveryChannel;
  to: string;
  subject: string;
  text: string;
}

/** Sends the national administrator's emails to staff, as written. */
export function staffEmailHandler(
  transports: Partial<Record<DeliveryChannel, MessageTransport>>,
): JobHandler<StaffEmailPayload> {
  return {
    kind: STAFF_EMAIL_JOB,
    async run(job) {
      const p = job.payload;
      const transport = transports[p.channel];
      if (!transport) throw new PermanentJobError(`this server has no ${p.channel} transport`);
      await transport.send({ channel: p.channel, to: p.to, subject: p.subject, text: p.text });
    },
  };
}
