import { Pool } from 'undici';
import { AUTH_DEV_CODE } from './server.ts';

export interface Reply {
  status: number;
  /** Parsed JSON body (undefined when empty or not JSON). */
  json: unknown;
  text: string;
}

/** Keep-alive HTTP client on one origin: one connection per simulated user, no pipelining. */
export class Api {
  private readonly pool: Pool;

  constructor(origin: string, connections: number) {
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
  }

  async post(path: string, body: unknown, token?: string): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await this.pool.request({ method: 'POST', path, headers, body: JSON.stringify(body) });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, text };
  }

  /** Upload a file's bytes to the files API (the fixture declarations' documents must exist on the server). */
  async upload(data: Buffer, contentType: string, token: string): Promise<Reply> {
    const res = await this.pool.request({
      method: 'POST',
      path: '/api/files',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body: data,
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? (JSON.parse(text) as unknown) : undefined, text };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * One logged-in user: the real two-step login (password, then the demo one-time code), and a refresh of the
 * pair at half the access token's lifetime so that runs longer than it keep working.
 */
export class Session {
  private tokens!: TokenPair;
  private timer: NodeJS.Timeout | undefined;
  refreshes = 0;
  refreshErrors: string[] = [];

  private constructor(
    private readonly api: Api,
    readonly username: string,
  ) {}

  static async login(api: Api, username: string, password = 'test'): Promise<Session> {
    const session = new Session(api, username);
    const first = await api.post('/api/auth/login', { username, password });
    if (first.status !== 200) throw new Error(`login ${username}: ${first.status} ${first.text}`);
    const { nonce } = first.json as { nonce: string };
    const second = await api.post('/api/auth/verify', { nonce, code: AUTH_DEV_CODE });
    if (second.status !== 200) throw new Error(`verify ${username}: ${second.status} ${second.text}`);
    session.tokens = second.json as TokenPair;
    session.schedule();
    return session;
  }

  get accessToken(): string {
    return this.tokens.accessToken;
  }

  private schedule() {
    this.timer = setTimeout(() => void this.refresh(), (this.tokens.expiresIn * 1000) / 2);
    this.timer.unref();
  }

  private async refresh() {
    try {
      const res = await this.api.post('/api/auth/refresh', { refreshToken: this.tokens.refreshToken });
      if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
      this.tokens = res.json as TokenPair;
      this.refreshes++;
      this.schedule();
    } catch (error) {
      this.refreshErrors.push(`refresh ${this.username}: ${error instanceof Error ? error.message : error}`);
    }
  }

  stop() {
    clearTimeout(this.timer);
  }
}
