/** The signed-in session, kept in localStorage so a reload or an offline restart keeps the user signed in. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  username: string;
}

const KEY = 'lifeline.session';
const listeners = new Set<(s: Session | null) => void>();

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const l of listeners) l(session);
}

export function onSessionChange(listener: (s: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const DEVICE_KEY = (username: string) => `lifeline.device.${username}`;

/**
 * The device token the server gave after a login from this device: sent with later logins of the same user, it
 * keeps their own logins here from being slowed down by someone guessing their password elsewhere. Kept after
 * logging out (it is not a session).
 */
export function getDeviceToken(username: string): string | undefined {
  try {
    return localStorage.getItem(DEVICE_KEY(username)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setDeviceToken(username: string, token: string): void {
  localStorage.setItem(DEVICE_KEY(username), token);
}
