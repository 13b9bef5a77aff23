import type { FastifyBaseLogger } from 'fastify';
import type { MessageTransport, OutgoingMessage } from './transport.ts';

/**
 * Demo transport: writes each message, text included, to the server log at info level. Anyone who can read
 * the log can read one-time codes, so a real deployment needs an SMS or e-mail transport.
 */
export class LogTransport implements MessageTransport {
  readonly channel = 'log' as const;

  constructor(private readonly log: FastifyBaseLogger) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.log.info(
      { notification: { to: message.to, subject: message.subject, text: message.text } },
      `message for ${message.to.mobile ?? message.to.email ?? 'a user with no address'}: ${message.text}`,
    );
  }
}
