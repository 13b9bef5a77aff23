import path from 'node:path';

/** Server settings read from the environment; see the configuration table in README.md. */
export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
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
  /** Lifetime of a refresh token (one login session without re-entering the password). */
  authRefreshTokenHours: number;
  /** How one-time codes and other messages leave the server (see modules/notifications). */
  notificationTransport: 'log';
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
  const notificationTransport = env.NOTIFICATION_TRANSPORT ?? 'log';
  if (notificationTransport !== 'log') {
    throw new Error(`NOTIFICATION_TRANSPORT "${notificationTransport}" is unknown; the only transport so far is "log"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
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
    trustProxy: env.TRUST_PROXY === 'true',
    authRefreshTokenHours,
    notificationTransport,
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}
