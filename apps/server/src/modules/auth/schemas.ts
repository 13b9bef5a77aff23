import { z } from 'zod';

export const LoginBody = z.object({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(1024),
  deviceToken: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('the deviceToken an earlier login from this device returned: its guesses are counted apart'),
});

export const LoginResponse = z.object({
  nonce: z.string().describe('send it back with the code to /api/auth/verify'),
  expiresIn: z.number().int().describe('seconds the code stays valid'),
  channel: z.enum(['log', 'sms', 'email']).describe('where the code was sent ("log": the server log, demo only)'),
  deferred: z
    .boolean()
    .describe(
      'true after many wrong passwords for this username: the code is sent only if the password was right, ' +
        'and only the code tells',
    ),
});

export const VerifyBody = z.object({
  nonce: z.string().min(1).max(100),
  code: z.string().regex(/^\d{6}$/, 'the code is 6 digits'),
});

export const TokenResponse = z.object({
  accessToken: z.string().describe('JWT for "Authorization: Bearer"'),
  refreshToken: z.string().describe('single use: exchange it at /api/auth/refresh for a new pair'),
  expiresIn: z.number().int().describe('seconds until the access token expires'),
  deviceToken: z
    .string()
    .optional()
    .describe('after a login from a new device: keep it and send it with later logins from this device'),
});

export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(200) });

// Nullish: a logout with only the Bearer token may send no body at all (Fastify then gives null).
export const LogoutBody = z.object({ refreshToken: z.string().min(1).max(200).optional() }).nullish();

export const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
