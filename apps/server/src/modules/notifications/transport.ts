/** How a message left the server, so a client can tell the user where to look for it. */
export type DeliveryChannel = 'log' | 'sms' | 'email';

export interface OutgoingMessage {
  channel: DeliveryChannel;
  /** An email address, a phone number, or for `log` whichever the user has. */
  to: string;
  /** Email subject (SMS have none). */
  subject: string;
  text: string;
}

/** One way of delivering messages (email by SMTP, SMS through a gateway, the log in demos). */
export interface MessageTransport {
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}
