import type { NotificationChannel } from '@lifeline/domain';
import type { ServerEnv } from '../../lib/env.ts';
import type { DeliveryChannel } from './transport.ts';

/** Who a message is for: the columns of a user that matter to sending. */
export interface Recipient {
  username: string;
  firstname: string;
  surname: string;
  email: string | null;
  mobile: string | null;
  language: string | null;
  preferred_channel: string | null;
}

/** The channels this server can send on (NOTIFICATION_TRANSPORT). */
export function configuredChannels(env: Pick<ServerEnv, 'notificationTransport'>): DeliveryChannel[] {
  if (env.notificationTransport.includes('log')) return ['log'];
  return [
    ...(env.notificationTransport.includes('smtp') ? (['email'] as const) : []),
    ...(env.notificationTransport.includes('http') ? (['sms'] as const) : []),
  ];
}

/**
 * Where this user's messages go: their preferred channel when the server can send on it and they have an address
 * there, else any channel that works; null when none does (no address the server can reach).
 */
export function channelFor(
  env: Pick<ServerEnv, 'notificationTransport'>,
  user: Pick<Recipient, 'email' | 'mobile' | 'preferred_channel'>,
): { channel: DeliveryChannel; to: string } | null {
  const channels = configuredChannels(env);
  if (channels[0] === 'log') return { channel: 'log', to: user.mobile ?? user.email ?? '(no address)' };
  const reachable = channels
    .map((channel) => ({ channel, to: channel === 'email' ? user.email : user.mobile }))
    .filter((c): c is { channel: DeliveryChannel; to: string } => !!c.to);
  return reachable.find((c) => c.channel === channelName(user.preferred_channel)) ?? reachable[0] ?? null;
}

const channelName = (preferred: string | null): DeliveryChannel | null =>
  preferred === 'email' || preferred === 'sms' ? (preferred satisfies NotificationChannel) : null;

/** Which addresses a new user needs so that this server can reach them (null when what they have is enough). */
export function unreachableProblem(
  env: Pick<ServerEnv, 'notificationTransport'>,
  user: { email?: string | null; mobile?: string | null },
): string | null {
  if (!user.email && !user.mobile) return 'give an email address or a mobile number (at least one)';
  const channels = configuredChannels(env);
  if (channels[0] === 'log') return null;
  if ((channels.includes('email') && user.email) || (channels.includes('sms') && user.mobile)) return null;
  return channels.includes('email')
    ? 'this server sends codes by email only: give an email address'
    : 'this server sends codes by SMS only: give a mobile number';
}
