import type { FastifyBaseLogger } from 'fastify';
import type { MessageTransport, OutgoingMessage } from './transport.ts';

/**
 * Demo transport: writes each message, text included, to the server log at info level. Anyone who can read the
 * log can read one-time codes, so readEnv refuses it in production.
 */
export class LogTransport implements MessageTransport {
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.log.info(
      { notification: { to: message.to, subject: message.subject } },
      `message for ${message.to}: ${message.text}`,
    );
  }
}
