import { renderFamilyMessage, type FamilyMessageId } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { DeliveryChannel, MessageTransport } from '../notifications/index.ts';
import { PermanentJobError, type JobHandler } from '../outbox/index.ts';
import { markFamilyMessage } from './repository.ts';

export const FAMILY_MESSAGE_JOB = 'family-message';
/** Tries before a message is given up as failed (the outbox doubles the wait each time). */
export const FAMILY_MAX_ATTEMPTS = 5;

export interface FamilyMessagePayload {
  [key: string]: unknown;
  message: FamilyMessageId;
  channel: DeliveryChannel;
  to: string;
  language: string;
  values: Record<string, string>;
  /** The row of `family_messages` the record shows. */
  recordId: number;
}

/**
 * Sends `family-message` jobs with the text in force when it goes (so a corrected template applies to messages not
 * yet sent), and keeps the record's view of it current: sent, retrying, or failed with the reason.
 */
export function familyMessageHandler(
  ctx: Pick<AppContext, 'country' | 'db'>,
  transports: Partial<Record<DeliveryChannel, MessageTransport>>,
): JobHandler<FamilyMessagePayload> {
  return {
    kind: FAMILY_MESSAGE_JOB,
    async run(job) {
      const p = job.payload;
      try {
        const template = ctx.country.config.notifications?.families?.[p.message];
        if (!template) throw new PermanentJobError(`the country has no "${p.message}" message any more`);
        const transport = transports[p.channel];
        if (!transport) throw new PermanentJobError(`this server has no ${p.channel} transport`);
        const values = { country: ctx.country.config.settings.countryName, ...p.values };
        const text = renderFamilyMessage(template, p.language, values);
        await transport.send({
          channel: p.channel,
          to: p.to,
          subject: text.subject,
          text: p.channel === 'sms' ? text.sms : text.email,
        });
        await markFamilyMessage(ctx.db, p.recordId, { status: 'sent', attempts: job.attempt, error: null });
      } catch (error) {
        const last = error instanceof PermanentJobError || job.attempt >= FAMILY_MAX_ATTEMPTS;
        await markFamilyMessage(ctx.db, p.recordId, {
          status: last ? 'failed' : 'retrying',
          attempts: job.attempt,
          error: (error as Error).message.slice(0, 500),
        });
        throw error;
      }
    },
  };
}
