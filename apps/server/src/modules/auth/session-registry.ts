/** What every request checks about the login its access token belongs to. */
export interface SessionFacts {
  userId: string;
  /** The login was ended (logout, password change elsewhere, refresh reuse, account change). */
  ended: boolean;
  expiresAt: number;
  /** The user's account as it is now. */
  status: string;
  role: string;
  officeId: string;
  mustChangePassword: boolean;
  /** Set when the "session" is an integration client's (key `client:<id>`): what its tokens are checked against. */
  client?: { name: string; generation: number; scopes: string[]; fields?: string[] | null };
}

/** The channel on which every server copy announces `session:<id>` and `user:<id>` changes. */
export const SESSIONS_CHANNEL = 'lifeline_sessions';

/** How long a cached entry is trusted without a message (a safety net: messages normally invalidate it). */
const MAX_AGE_MS = 60_000;
/** How long a change announced by this copy bypasses the cache if its message never comes (a rollback). */
const EXPECT_MS = 10_000;
const MAX_ENTRIES = 50_000;

interface Entry {
  facts: SessionFacts;
  loadedAt: number;
}

/**
 * The revocation check's cache: session facts by session id, kept in memory and dropped on every server copy
 * when a `lifeline_sessions` message names the session or its user (PostgreSQL LISTEN/NOTIFY). A hit costs a
 * Map lookup; a miss one indexed query. While not listening (no channel, or its connection was lost) nothing is
 * cached, so no copy can miss a revocation.
 */
export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly sessionsOfUser = new Map<string, Set<string>>();
  /** Changes announced by this copy whose message has not come back yet: those bypass the cache meanwhile. */
  private readonly expected = new Map<string, number>();
  /** Bumped by every invalidation, so a load that raced with one is not cached. */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly load: (sessionId: string) => Promise<SessionFacts | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached facts of a session, or undefined when they must be loaded (the hot path: no I/O). */
  peek(sessionId: string): SessionFacts | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (this.now() - entry.loadedAt > MAX_AGE_MS || this.isExpected(sessionId, entry.facts.userId)) {
      this.drop(sessionId);
      return undefined;
    }
    return entry.facts;
  }

  /** The facts of a session: from the cache, or loaded (and cached when nothing changed meanwhile). */
  async facts(sessionId: string): Promise<SessionFacts | undefined> {
    const cached = this.peek(sessionId);
    if (cached) return cached;
    const generation = this.generation;
    const facts = await this.load(sessionId);
    if (
      facts &&
      this.listening &&
      generation === this.generation &&
      !this.isExpected(sessionId, facts.userId) &&
      this.entries.size < MAX_ENTRIES
    ) {
      this.entries.set(sessionId, { facts, loadedAt: this.now() });
      let sessions = this.sessionsOfUser.get(facts.userId);
      if (!sessions) this.sessionsOfUser.set(facts.userId, (sessions = new Set()));
      sessions.add(sessionId);
    }
    return facts;
  }

  /** A `lifeline_sessions` message: `session:<id>` or `user:<id>`. */
  message(payload: string): void {
    this.generation++;
    this.expected.delete(payload);
    const [kind, id] = splitKey(payload);
    if (kind === 'session') this.drop(id);
    else if (kind === 'user') for (const sid of [...(this.sessionsOfUser.get(id) ?? [])]) this.drop(sid);
    else this.clear();
  }

  /**
   * This copy is about to commit a change named `session:<id>` or `user:<id>`: until its message comes back, the
   * cache is bypassed for it, so the very next request on this copy already sees the change.
   */
  expect(key: string): void {
    this.message(key);
    this.expected.set(key, this.now() + EXPECT_MS);
  }

  /** Listening again (at start, or after the connection came back): caching may resume. */
  listeningAgain(): void {
    this.clear();
    this.listening = true;
  }

  /** The channel's connection was lost: messages may be missed, so cache nothing until it is back. */
  lost(): void {
    this.listening = false;
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private isExpected(sessionId: string, userId: string): boolean {
    if (!this.expected.size) return false;
    return this.stillExpected(`session:${sessionId}`) || this.stillExpected(`user:${userId}`);
  }

  private stillExpected(key: string): boolean {
    const until = this.expected.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.expected.delete(key);
    return false;
  }

  private drop(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    const sessions = this.sessionsOfUser.get(entry.facts.userId);
    sessions?.delete(sessionId);
    if (sessions && !sessions.size) this.sessionsOfUser.delete(entry.facts.userId);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.sessionsOfUser.clear();
  }
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}
