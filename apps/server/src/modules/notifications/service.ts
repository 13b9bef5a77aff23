import type { TemplateId } from '@lifeline/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import type { ServerEnv } from '../../lib/env.ts';
import { enqueue } from '../outbox/index.ts';
import { HttpSmsTransport } from './http-sms-transport.ts';
import { NOTIFICATION_JOB, type NotificationPayload } from './job.ts';
import { LogTransport } from './log-transport.ts';
import { languageOf } from './messages.ts';
import { channelFor, type Recipient } from './recipients.ts';
import { SmtpTransport } from './smtp-transport.ts';
import type { DeliveryChannel, MessageTransport } from './transport.ts';

/** The transports NOTIFICATION_TRANSPORT names, by the channel each serves. */
export function createTransports(
  env: ServerEnv,
  log: FastifyBaseLogger,
): Partial<Record<DeliveryChannel, MessageTransport>> {
  if (env.notificationTransport.includes('log')) return { log: new LogTransport(log) };
  return {
    ...(env.notificationTransport.includes('smtp')
      ? { email: new SmtpTransport(env.smtpUrl!, env.notificationFrom!) }
      : {}),
    ...(env.notificationTransport.includes('http') ? { sms: new HttpSmsTransport(env.smsGateway!) } : {}),
  };
}

export interface QueuedMessage {
  channel: DeliveryChannel;
  jobId: number;
}

/**
 * Queue a message to a user in the caller's transaction (it goes out once the transaction commits; kick the
 * worker after). `secrets` fill placeholders too but are never stored with the payload nor logged. Returns the
 * channel it will go on, or null when the user has no address this server can reach.
 */
export async function queueMessage(
  ctx: AppContext,
  trx: Db,
  recipient: Recipient & { id: string | null },
  template: TemplateId,
  values: Record<string, string>,
  options: { secrets?: Record<string, string>; expiresAt?: Date } = {},
): Promise<QueuedMessage | null> {
  const route = channelFor(ctx.env, recipient);
  if (!route) return null;
  const payload: NotificationPayload = {
    template,
    channel: route.channel,
    to: route.to,
    language: languageOf(ctx.country, recipient.language),
    values: {
      firstname: recipient.firstname,
      surname: recipient.surname,
      username: recipient.username,
      ...values,
    },
    userId: recipient.id,
    expiresAt: options.expiresAt?.toISOString() ?? null,
  };
  const jobId = await enqueue(trx, NOTIFICATION_JOB, payload, { secrets: options.secrets });
  return { channel: route.channel, jobId };
}
