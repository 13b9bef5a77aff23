import { randomUUID } from 'node:crypto';
import { CODE, PASSWORD } from './browser.ts';

/** Direct API calls to set up a journey's starting point (the journeys themselves go through the browser). */
export class ApiClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async login(baseUrl: string, username: string): Promise<ApiClient> {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, string>>;
    };
    const { nonce } = await post('/api/auth/login', { username, password: PASSWORD });
    const { accessToken } = await post('/api/auth/verify', { nonce, code: CODE });
    return new ApiClient(baseUrl, accessToken);
  }

  async request<T>(path: string, body?: unknown, method?: 'PUT'): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The bytes of a stored file (a document of a record). */
  async bytes(path: string): Promise<Buffer> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Create a record and submit it with `action` (DECLARE by default). */
  async declare(type: string, declaration: Record<string, unknown>, action = 'DECLARE') {
    const created = await this.request<{ id: string }>('/api/events', { type, transactionId: randomUUID() });
    return this.request<{ id: string; trackingId: string; status: string }>(
      `/api/events/${created.id}/actions/${action}`,
      { transactionId: randomUUID(), declaration },
    );
  }
}

/** A calendar date `days` before today (UTC), e.g. a birth last week. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
