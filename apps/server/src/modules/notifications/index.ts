import type { FastifyBaseLogger } from 'fastify';
import type { ServerEnv } from '../../lib/env.ts';
import { LogTransport } from './log-transport.ts';
import type { MessageTransport } from './transport.ts';

export { LogTransport } from './log-transport.ts';
export type { DeliveryChannel, MessageTransport, OutgoingMessage, Recipient } from './transport.ts';

/**
 * The transport named by NOTIFICATION_TRANSPORT. Only `log` exists so far (readEnv refuses anything else);
 * SMTP and SMS transports are future work and will be chosen here.
 */
export function createTransport(env: Pick<ServerEnv, 'notificationTransport' | 'production'>, log: FastifyBaseLogger) {
  const transport: MessageTransport = new LogTransport(log);
  if (env.production) {
    log.warn('NOTIFICATION_TRANSPORT=log: one-time login codes are written to the server log, not sent to users');
  }
  return transport;
}
