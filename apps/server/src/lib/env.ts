import path from 'node:path';

/** Server settings read from the environment; see the configuration table in README.md. */
export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /**
   * The owner role's URL: migrations, grants and projection rebuilds run as it, the server as DATABASE_URL's role
   * (which owns nothing; see db/roles.ts). Unset: DATABASE_URL does both.
   */
  databaseOwnerUrl?: string;
  dbPoolSize: number;
  production: boolean;
  /** Accepted as every one-time code (demo and tests only; refused in production). */
  authDevCode?: string;
  /** Demo users with password "test" are seeded when true (never in production). */
  seedDemoUsers: boolean;
  logLevel: string;
  /** PEM private key for signing tokens; generated in the data folder when absent. */
  jwtPrivateKey?: string;
  /** PEM Ed25519 key signing certificates and credentials; generated in the data folder when absent. */
  certSigningKey?: string;
  /** Public URL of this deployment, e.g. https://crvs.example.gov (certificate QR codes, issuer ids). */
  publicUrl: string;
  /** Trust X-Forwarded-For from a reverse proxy (only behind one: otherwise clients could fake their address). */
  trustProxy: boolean;
  /** Per-IP limit on login, code and refresh attempts per minute (each route its own budget), across usernames. */
  authRateLimitPerMinute: number;
  /** Per-IP limit on wrong passwords per hour, across usernames. */
  authIpFailedLoginsPerHour: number;
  /** Requests per minute one integration client may make (across server copies), and token requests per minute. */
  clientRateLimitPerMinute: number;
  /**
   * The least time a password or username recovery answer takes, whether or not the account exists (timing must
   * not tell them apart); set it above the slowest recovery the database takes.
   */
  authRecoveryFloorMs: number;
  /** Lifetime of a refresh token (one login session without re-entering the password). */
  authRefreshTokenHours: number;
  /**
   * How one-time codes and other messages leave the server (see modules/notifications): `log` (demo only), or
   * `smtp` and/or `http` (an SMS gateway); with both, each user's preferred channel.
   */
  notificationTransport: NotificationTransportName[];
  /** nodemailer connection URL, e.g. smtps://user:pass@mail.example.gov:465. */
  smtpUrl?: string;
  /** The From address of emails, e.g. "Civil Registry <no-reply@crvs.example.gov>". */
  notificationFrom?: string;
  smsGateway?: SmsGatewaySettings;
  /** Run the background job worker in this process (several copies may; each claims different jobs). */
  outboxWorker: boolean;
  outboxPollMs: number;
  /** First retry delay of a failed job; doubles with each attempt. */
  outboxRetryBaseMs: number;
  /** Where the server writes its own scheduled backups (embedded database: the online way); none when unset. */
  backupDir?: string;
  backupIntervalHours: number;
  /** Seals the signing keys in every backup (scrypt + AES-256-GCM). Required with BACKUP_DIR. */
  backupPassphrase?: string;
  /** Seconds between signed checkpoints of every chain head (modules/checkpoints); 0 = none written by this copy. */
  checkpointIntervalSeconds: number;
  /** How long a webhook subscriber has to answer a delivery. */
  webhookTimeoutMs: number;
  /** The country's OpenID Connect identity provider (e-Signet style), for identity checks while declaring. */
  oidc?: OidcSettings;
  /**
   * Hosts webhooks may go to although they are on this machine or a private network (names, addresses, CIDR
   * ranges), e.g. an intranet subscriber; every other private, loopback, link-local or metadata address is refused.
   */
  webhookAllowedHosts: string[];
  /** Practice mode (`lifeline start --training`): a separate database, keys and a banner; never the real register. */
  training: boolean;
}

/** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI and the claim names (see README). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: the web app's /identity-check/callback page. */
  redirectUri: string;
  scope: string;
  /** The claim holding the person's national ID number (e-Signet: individual_id). */
  nationalIdClaim: string;
}

export const NOTIFICATION_TRANSPORTS = ['log', 'smtp', 'http'] as const;
export type NotificationTransportName = (typeof NOTIFICATION_TRANSPORTS)[number];

/** An HTTP SMS gateway: POST to `url` with `bodyTemplate` filled ({{to}}, {{text}}), optionally an auth header. */
export interface SmsGatewaySettings {
  url: string;
  bodyTemplate: string;
  contentType: string;
  authHeader?: { name: string; value: string };
}

export const DEFAULT_SMS_BODY = '{"to":"{{to}}","message":"{{text}}"}';

function readTransports(env: NodeJS.ProcessEnv, production: boolean): NotificationTransportName[] {
  const raw = env.NOTIFICATION_TRANSPORT ?? (production ? '' : 'log');
  if (!raw) {
    throw new Error(
      'NOTIFICATION_TRANSPORT is not set: in production login codes must reach people (smtp, http, or smtp,http)',
    );
  }
  const names = raw.split(',').map((n) => n.trim());
  for (const name of names) {
    if (!(NOTIFICATION_TRANSPORTS as readonly string[]).includes(name)) {
      throw new Error(`NOTIFICATION_TRANSPORT "${name}" is unknown: use smtp, http (SMS gateway), both, or log (demo)`);
    }
  }
  if (names.includes('log') && names.length > 1) throw new Error('NOTIFICATION_TRANSPORT=log cannot be combined');
  if (production && names.includes('log')) {
    throw new Error(
      'NOTIFICATION_TRANSPORT=log with NODE_ENV=production: refusing to start (codes would go to the log, not to people)',
    );
  }
  if (names.includes('smtp') && (!env.SMTP_URL || !env.NOTIFICATION_FROM)) {
    throw new Error('NOTIFICATION_TRANSPORT=smtp needs SMTP_URL and NOTIFICATION_FROM');
  }
  if (names.includes('http')) {
    try {
      new URL(env.SMS_GATEWAY_URL ?? '');
    } catch {
      throw new Error('NOTIFICATION_TRANSPORT=http needs SMS_GATEWAY_URL, the URL of the SMS gateway');
    }
  }
  return names as NotificationTransportName[];
}

function readSmsGateway(env: NodeJS.ProcessEnv): SmsGatewaySettings | undefined {
  if (!env.SMS_GATEWAY_URL) return undefined;
  return {
    url: env.SMS_GATEWAY_URL,
    bodyTemplate: env.SMS_GATEWAY_BODY || DEFAULT_SMS_BODY,
    contentType: env.SMS_GATEWAY_CONTENT_TYPE || 'application/json',
    ...(env.SMS_GATEWAY_AUTH
      ? { authHeader: { name: env.SMS_GATEWAY_AUTH_HEADER || 'authorization', value: env.SMS_GATEWAY_AUTH } }
      : {}),
  };
}

function readOidc(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((name) => !env[name]);
  if (missing.length) throw new Error(`OIDC_ISSUER is set: ${missing.join(', ')} must be set too`);
  for (const name of ['OIDC_ISSUER', 'OIDC_REDIRECT_URI']) {
    if (!URL.canParse(env[name]!)) throw new Error(`${name} must be a URL, not "${env[name]}"`);
  }
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    redirectUri: env.OIDC_REDIRECT_URI!,
    scope: env.OIDC_SCOPE || 'openid profile',
    nationalIdClaim: env.OIDC_NATIONAL_ID_CLAIM || 'individual_id',
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, not "${env[name]}"`);
  return value;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  // Demo mode accepts 000000 unless told otherwise (AUTH_DEV_CODE= disables it); production never does.
  const authDevCode = (env.AUTH_DEV_CODE ?? (production ? '' : '000000')) || undefined;
  if (production && authDevCode) {
    throw new Error(
      'AUTH_DEV_CODE is set while NODE_ENV=production: refusing to start (it would bypass two-factor login)',
    );
  }
  if (authDevCode && !/^\d{6}$/.test(authDevCode)) throw new Error('AUTH_DEV_CODE must be 6 digits');
  const authRefreshTokenHours = Number(env.AUTH_REFRESH_TOKEN_HOURS ?? 12);
  if (!(authRefreshTokenHours > 0)) {
    throw new Error(`AUTH_REFRESH_TOKEN_HOURS must be a positive number, not "${env.AUTH_REFRESH_TOKEN_HOURS}"`);
  }
  const notificationTransport = readTransports(env, production);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    dbPoolSize: Number(env.DB_POOL_SIZE ?? 16),
    production,
    authDevCode,
    seedDemoUsers: !production && env.SEED_DEMO_USERS !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    jwtPrivateKey: env.JWT_PRIVATE_KEY || undefined,
    certSigningKey: env.CERT_SIGNING_KEY || undefined,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    authRateLimitPerMinute: positiveInteger(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 30),
    authIpFailedLoginsPerHour: positiveInteger(env, 'AUTH_IP_FAILED_LOGINS_PER_HOUR', 100),
    clientRateLimitPerMinute: positiveInteger(env, 'CLIENT_RATE_LIMIT_PER_MINUTE', 6000),
    authRecoveryFloorMs: positiveInteger(env, 'AUTH_RECOVERY_FLOOR_MS', 600),
    trustProxy: env.TRUST_PROXY === 'true',
    authRefreshTokenHours,
    notificationTransport,
    smtpUrl: env.SMTP_URL || undefined,
    notificationFrom: env.NOTIFICATION_FROM || undefined,
    smsGateway: readSmsGateway(env),
    outboxWorker: env.OUTBOX_WORKER !== 'false',
    outboxPollMs: positive(env, 'OUTBOX_POLL_MS', 1000),
    outboxRetryBaseMs: positive(env, 'OUTBOX_RETRY_BASE_MS', 10_000),
    backupDir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : undefined,
    backupIntervalHours: positive(env, 'BACKUP_INTERVAL_HOURS', 24),
    backupPassphrase: backupPassphrase(env),
    checkpointIntervalSeconds: wholeOrZero(env, 'CHECKPOINT_INTERVAL_SECONDS', 300),
    webhookTimeoutMs: positive(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    oidc: readOidc(env),
    webhookAllowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    training: false,
  };
}

/**
 * The settings of practice mode: its own data folder (embedded database and keys) or its own schema on a
 * PostgreSQL server, keys of its own (never the real ones: a practice certificate or token must not verify as
 * real), and the demo staff to practise with, as in demo mode (the demo code, codes in the log) even on a
 * production server: nothing in the practice database is real.
 */
export function trainingEnv(env: ServerEnv): ServerEnv {
  return {
    ...env,
    training: true,
    dataDir: path.join(env.dataDir, 'training'),
    jwtPrivateKey: undefined,
    certSigningKey: undefined,
    seedDemoUsers: true,
    // Practice accounts are the demo staff (password "test"); their codes are as harmless as their data.
    authDevCode: env.authDevCode ?? '000000',
    notificationTransport: ['log'],
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

function wholeOrZero(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of seconds, not "${raw}"`);
  return value;
}

function backupPassphrase(env: NodeJS.ProcessEnv): string | undefined {
  if (env.BACKUP_DIR && (env.BACKUP_PASSPHRASE ?? '').length < 12) {
    throw new Error('BACKUP_DIR needs BACKUP_PASSPHRASE (12 characters or more): it seals the keys in every backup');
  }
  return env.BACKUP_PASSPHRASE || undefined;
}
