import { getSession, setSession } from './session.ts';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

/** A refused request, carrying the server's problem+json (status, detail, per-field errors). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

/** The request never reached the server (offline, server down). */
export class NetworkError extends Error {}

let refreshing: Promise<boolean> | null = null;

/**
 * Renew the access token with the refresh token; one refresh at a time however many requests wait on it, and
 * one at a time across the tabs of this browser (Web Locks): a tab that waited finds the pair another tab got
 * and uses it instead of spending the same refresh token twice.
 */
export function refreshSession(): Promise<boolean> {
  // Cleared when this refresh settles, whatever the outcome, so the next expiry can refresh again.
  refreshing ??= renewAcrossTabs(getSession()?.refreshToken).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function renewAcrossTabs(seen: string | undefined): Promise<boolean> {
  const run = () => renewTokens(seen);
  if (typeof navigator === 'undefined' || !navigator.locks) return run();
  return (await navigator.locks.request('lifeline.refresh', run)) as boolean;
}

async function renewTokens(seen: string | undefined): Promise<boolean> {
  const session = getSession();
  if (!session) return false;
  // Another tab refreshed while this one waited for the lock: its pair is in storage, use it.
  if (seen && session.refreshToken !== seen && session.expiresAt - Date.now() > 30_000) return true;
  try {
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!res.ok) {
      // Only forget the session this refresh spoke for: another tab may have stored a newer one meanwhile.
      if (res.status === 401 && getSession()?.refreshToken === session.refreshToken) setSession(null);
      return false;
    }
    const tokens = (await res.json()) as { accessToken: string; refreshToken: string; expiresIn: number };
    setSession({
      ...session,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
    });
    return true;
  } catch {
    return false;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Send without the access token (login, public pages). */
  anonymous?: boolean;
}

/** Call the Lifeline API: JSON in and out, bearer token attached and renewed, problems thrown as ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}, retried = false): Promise<T> {
  const session = options.anonymous ? null : getSession();
  if (session && !retried && session.expiresAt - Date.now() < 30_000) await refreshSession();
  const token = options.anonymous ? null : getSession()?.accessToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError('no connection to the server');
  }
  if (res.status === 401 && token && !retried && (await refreshSession())) return api<T>(path, options, true);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    throw new ApiError((data as Problem | undefined) ?? { title: res.statusText, status: res.status });
  }
  return data as T;
}
