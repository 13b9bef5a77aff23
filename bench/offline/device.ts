import 'fake-indexeddb/auto';
import { ApiError, NetworkError, type Problem } from '../../apps/web/src/api/client.ts';
import { sendRound, type DeliveryDeps } from '../../apps/web/src/offline/delivery.ts';
import { keepFile, openLocalFiles, type LocalFileStore } from '../../apps/web/src/offline/localFiles.ts';
import { openOutbox, type OutboxStore, type OutboxSubmission } from '../../apps/web/src/offline/outbox.ts';
import { uploadResumable } from '../../apps/web/src/offline/resumableUpload.ts';

const CODE = '000000';

/** Log in straight to the server (not through the proxy): the outbox is what is under test, not the login. */
async function login(server: string, username: string): Promise<{ token: string; expiresAt: number }> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const { nonce } = await post('/api/auth/login', { username, password: 'test' });
  const tokens = await post('/api/auth/verify', { nonce, code: CODE });
  return { token: tokens.accessToken as string, expiresAt: Date.now() + (tokens.expiresIn as number) * 1000 };
}

export interface DeviceOptions {
  name: string;
  username: string;
  /** Where requests go: the chaos proxy. */
  via: string;
  /** Where the login goes: the server itself (changes when it restarts). */
  server(): string;
  requestTimeoutMs: number;
  backoff: { baseMs: number; maxMs: number };
  random(): number;
}

/**
 * A phone in Node: its own IndexedDB (fake-indexeddb), its own outbox and kept files, the web app's delivery code
 * unchanged, HTTP through the proxy.
 */
export class Device {
  readonly outbox: OutboxStore;
  readonly files: LocalFileStore;
  readonly deps: DeliveryDeps;
  private session: { token: string; expiresAt: number } | null = null;

  constructor(readonly options: DeviceOptions) {
    this.outbox = openOutbox(`${options.name}-outbox`);
    this.files = openLocalFiles(`${options.name}-files`);
    this.deps = {
      outbox: this.outbox,
      files: this.files,
      request: (path, init) => this.request(path, init),
      upload: (file, onUploadUrl) =>
        uploadResumable(
          file,
          { endpoint: `${options.via}/api/files/uploads`, token: () => this.token(), retryDelays: [0, 50, 200] },
          onUploadUrl,
        ),
      now: () => Date.now(),
      random: options.random,
      backoff: options.backoff,
    };
  }

  async token(): Promise<string> {
    if (!this.session || this.session.expiresAt - Date.now() < 60_000) {
      for (let tries = 0; ; tries++) {
        try {
          this.session = await login(this.options.server(), this.options.username);
          break;
        } catch (error) {
          // The server may be restarting.
          if (tries > 100) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    return this.session.token;
  }

  /** The browser's api() contract: ApiError for the server's refusals, NetworkError when it was not reached. */
  private async request<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown }): Promise<T> {
    const token = await this.token();
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${this.options.via}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw new NetworkError((error as Error).message);
    }
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new NetworkError(`a cut answer (${status})`);
    }
    if (status >= 400) throw new ApiError((data as Problem | undefined) ?? { title: 'error', status });
    return data as T;
  }

  /** Keep a declaration's documents on the device and queue it, as the form does offline. */
  async queue(
    submission: Omit<OutboxSubmission, 'declaration'> & { declaration: Record<string, unknown> },
    documents: Array<{ field: string; name: string; type: string; bytes: Buffer; option?: string }>,
  ): Promise<void> {
    const declaration = { ...submission.declaration };
    for (const doc of documents) {
      const data = doc.bytes.buffer.slice(doc.bytes.byteOffset, doc.bytes.byteOffset + doc.bytes.byteLength);
      const value = await keepFile(this.files, this.options.username, data as ArrayBuffer, doc.name, doc.type);
      declaration[doc.field] = doc.option ? [{ ...value, option: doc.option }] : value;
    }
    await this.outbox.add(this.options.username, { ...submission, declaration });
  }

  /**
   * Send until nothing waits, waiting out each back-off as the browser's sender does. Returns the items the
   * server refused or that need a person (none expected).
   */
  async drain(deadline: number): Promise<string[]> {
    const problems: string[] = [];
    for (;;) {
      const round = await sendRound(this.options.username, this.deps);
      const items = await this.outbox.list(this.options.username);
      for (const item of items) {
        if (item.state === 'sent') await this.outbox.remove(item.id);
        if (item.state === 'refused' || item.state === 'attention') {
          problems.push(`${item.title}: ${item.state} ${item.error}`);
          await this.outbox.remove(item.id);
        }
      }
      if (!items.some((i) => i.state === 'waiting' || i.state === 'sending')) return problems;
      if (Date.now() > deadline) throw new Error(`${this.options.name}: items still waiting at the deadline`);
      const wait = round.nextAttemptAt ? Math.max(0, round.nextAttemptAt - Date.now()) : 0;
      await new Promise((r) => setTimeout(r, Math.min(wait, 5_000)));
    }
  }
}
