import type { SmsGatewaySettings } from '../../lib/env.ts';
import { PermanentJobError } from '../outbox/index.ts';
import type { MessageTransport, OutgoingMessage } from './transport.ts';

const TIMEOUT_MS = 15_000;

/** A value escaped for where it goes: inside a JSON string, a form field, or as is. */
function escapeFor(contentType: string, value: string): string {
  if (/json/i.test(contentType)) return JSON.stringify(value).slice(1, -1);
  if (/x-www-form-urlencoded/i.test(contentType)) return encodeURIComponent(value);
  return value;
}

/** The gateway's request body: the configured template with {{to}} and {{text}} filled in, escaped. */
export function gatewayBody(settings: SmsGatewaySettings, to: string, text: string): string {
  const values: Record<string, string> = { to, text };
  return settings.bodyTemplate.replace(/\{\{\s*(to|text)\s*\}\}/g, (_, key: string) =>
    escapeFor(settings.contentType, values[key]),
  );
}

/**
 * SMS through an HTTP gateway: POST SMS_GATEWAY_URL with a body made from SMS_GATEWAY_BODY, e.g.
 * `{"to":"{{to}}","message":"{{text}}"}` (JSON) or `To={{to}}&Body={{text}}` (form), and an optional auth header,
 * so the common gateways work without code. A 2xx answer means sent; 4xx (other than 408 and 429) will not get
 * better by retrying.
 */
export class HttpSmsTransport implements MessageTransport {
  constructor(private readonly settings: SmsGatewaySettings) {}

  async send(message: OutgoingMessage): Promise<void> {
    const { settings } = this;
    const response = await fetch(settings.url, {
      method: 'POST',
      headers: {
        'content-type': settings.contentType,
        ...(settings.authHeader ? { [settings.authHeader.name]: settings.authHeader.value } : {}),
      },
      body: gatewayBody(settings, message.to, message.text),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The body may echo the message (and its code): never kept.
    await response.body?.cancel();
    if (response.ok) return;
    const problem = `the SMS gateway answered ${response.status} ${response.statusText}`;
    const hopeless = response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
    throw hopeless ? new PermanentJobError(problem) : new Error(problem);
  }
}
