import dns from 'node:dns';
import net from 'node:net';
import { Agent } from 'undici';

/**
 * Where a webhook may be sent (no server-side request forgery): never to this machine, the private network, link-local
 * addresses (cloud metadata at 169.254.169.254 among them) or other special ranges, unless the operator allows a host
 * by WEBHOOK_ALLOWED_HOSTS (names, addresses or CIDR ranges). Every address a name resolves to is checked, when the
 * subscription is made and again when each delivery connects (a name may be re-pointed after the check: DNS
 * rebinding), and in production only https is accepted.
 */
const BLOCKED = new net.BlockList();
const V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'a "this network" address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives there)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a protocol assignment address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const V6: Array<[string, number, string]> = [
  ['::', 128, 'the unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['fc00::', 7, 'a private (unique local) address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['100::', 64, 'a discard address'],
];
const REASONS: Array<{ list: net.BlockList; reason: string }> = [];
for (const [address, prefix, reason] of V4) {
  BLOCKED.addSubnet(address, prefix, 'ipv4');
  const one = new net.BlockList();
  one.addSubnet(address, prefix, 'ipv4');
  REASONS.push({ list: one, reason });
}
for (const [address, prefix, reason] of V6) {
  BLOCKED.addSubnet(address, prefix, 'ipv6');
  const one = new net.BlockList();
  one.addSubnet(address, prefix, 'ipv6');
  REASONS.push({ list: one, reason });
}

/** Names that reach cloud metadata services whatever they resolve to. */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data']);

/** An IPv6 address that carries an IPv4 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d): the IPv4 one. */
function embeddedV4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why an address may not receive webhooks, or null when it may. */
export function blockedReason(address: string): string | null {
  const v4 = net.isIPv4(address) ? address : embeddedV4(address);
  if (v4) {
    if (v4 === '255.255.255.255') return 'the broadcast address';
    return BLOCKED.check(v4, 'ipv4') ? REASONS.find((r) => r.list.check(v4, 'ipv4'))!.reason : null;
  }
  if (!net.isIPv6(address)) return 'not an IP address';
  return BLOCKED.check(address, 'ipv6') ? REASONS.find((r) => r.list.check(address, 'ipv6'))!.reason : null;
}

/** The operator's WEBHOOK_ALLOWED_HOSTS: host names and addresses, and CIDR ranges. */
export class AllowedHosts {
  private readonly names = new Set<string>();
  private readonly ranges = new net.BlockList();
  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, '');
      if (!entry) continue;
      const [address, prefix] = entry.split('/');
      if (prefix !== undefined && net.isIP(address)) {
        this.ranges.addSubnet(address, Number(prefix), net.isIPv4(address) ? 'ipv4' : 'ipv6');
      } else {
        this.names.add(entry);
        if (net.isIP(entry)) this.ranges.addAddress(entry, net.isIPv4(entry) ? 'ipv4' : 'ipv6');
      }
    }
  }
  host(hostname: string): boolean {
    return this.names.has(bare(hostname));
  }
  address(address: string): boolean {
    return this.ranges.check(address, net.isIPv4(address) ? 'ipv4' : 'ipv6');
  }
}

const bare = (hostname: string) =>
  hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');

export interface UrlPolicy {
  production: boolean;
  allowed: AllowedHosts;
  /** Resolves a name to all its addresses (tests may stand in for DNS). */
  resolve?: (hostname: string) => Promise<string[]>;
}

/** How long a name may take to resolve (an intranet without DNS must not hold a request for long). */
const RESOLVE_TIMEOUT_MS = 5000;
const systemResolve = async (hostname: string) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), RESOLVE_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([dns.promises.lookup(hostname, { all: true, verbatim: true }), timeout]);
    return found.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

/** A URL a webhook may not go to, and why (the 400 says so); `transient` when only DNS failed. */
export class UrlRefused extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

/**
 * Check a webhook URL: its scheme, then every address its host resolves to. Throws UrlRefused naming the problem.
 */
export async function checkWebhookUrl(text: string, policy: UrlPolicy): Promise<void> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UrlRefused('not a URL');
  }
  if (url.protocol !== 'https:' && (policy.production || url.protocol !== 'http:')) {
    throw new UrlRefused(policy.production ? 'must use https' : 'must use http or https');
  }
  if (url.username || url.password) throw new UrlRefused('must not carry a user name or password');
  const host = bare(url.hostname);
  if (policy.allowed.host(host)) return;
  if (METADATA_NAMES.has(host)) throw new UrlRefused(`${host} is a cloud metadata service`);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch {
      throw new UrlRefused(`${host} does not resolve to an address`, true);
    }
    if (!addresses.length) throw new UrlRefused(`${host} does not resolve to an address`, true);
  }
  for (const address of addresses) {
    if (policy.allowed.address(address)) continue;
    const reason = blockedReason(address);
    if (reason) {
      throw new UrlRefused(
        `${host === address ? address : `${host} resolves to ${address}`}, ${reason}; ` +
          'webhooks go only to public addresses unless WEBHOOK_ALLOWED_HOSTS allows the host',
      );
    }
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * An HTTP agent whose connections resolve names through the same check, at the moment they connect: a name that
 * was public when checked but now points inside (DNS rebinding) fails to connect.
 */
export function guardedAgent(policy: UrlPolicy): Agent {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, []);
      const addresses = found as dns.LookupAddress[];
      if (!policy.allowed.host(hostname)) {
        const bad = addresses.find((a) => !policy.allowed.address(a.address) && blockedReason(a.address));
        if (bad) {
          const refused = Object.assign(
            new Error(`${hostname} now resolves to ${bad.address}, ${blockedReason(bad.address)}`),
            {
              code: 'EWEBHOOKADDRESS',
            },
          );
          return callback(refused, []);
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return callback(null, first.address, first.family);
    });
  };
  return new Agent({ connect: { lookup } as never });
}

const policies = new WeakMap<object, { policy: UrlPolicy; agent: Agent }>();
/** The deployment's policy (production or not, its allow-list) and the agent that enforces it, once per server. */
export function urlPolicyOf(ctx: { env: { production: boolean; webhookAllowedHosts: string[] } }) {
  let found = policies.get(ctx.env);
  if (!found) {
    const policy = { production: ctx.env.production, allowed: new AllowedHosts(ctx.env.webhookAllowedHosts) };
    found = { policy, agent: guardedAgent(policy) };
    policies.set(ctx.env, found);
  }
  return found;
}
