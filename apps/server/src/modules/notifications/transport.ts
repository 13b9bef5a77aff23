/** Where a message goes; a transport uses whichever address it can deliver to. */
export interface Recipient {
  mobile?: string | null;
  email?: string | null;
}

export interface OutgoingMessage {
  to: Recipient;
  subject: string;
  text: string;
}

/** How the message left the server, so a client can tell the user where to look for it. */
export type DeliveryChannel = 'log' | 'sms' | 'email';

/** One way of delivering messages to people (one-time codes now; notifications of records later). */
export interface MessageTransport {
  readonly channel: DeliveryChannel;
  send(message: OutgoingMessage): Promise<void>;
}
