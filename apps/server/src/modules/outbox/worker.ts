import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.ts';
import { DeferJobError, PermanentJobError, type JobRegistry } from './registry.ts';
import { claimDueJobs, deferJob, markFailed, markSent, pruneSent, scheduleRetry, type JobRow } from './repository.ts';

export interface WorkerOptions {
  /** How often to look for due jobs when nobody kicks the worker. */
  pollMs: number;
  /** Jobs claimed per round. */
  batchSize: number;
  /** How long a claimed job is reserved; after that another copy may retry it (this one is presumed dead). */
  leaseMs: number;
  /** First retry delay; doubles with each attempt, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Sent jobs are deleted after this many days. */
  keepSentDays: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  pollMs: 1000,
  batchSize: 10,
  leaseMs: 5 * 60_000,
  retryBaseMs: 10_000,
  retryMaxMs: 60 * 60_000,
  keepSentDays: 30,
};

/** Exponential backoff with ±20% jitter, so copies retrying a broken server do not do it in step. */
export function backoffMs(attempt: number, base: number, max: number, random = Math.random): number {
  const delay = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/** An error message safe to store and log: every secret value of the job blanked out, at most 1000 characters. */
export function redact(message: string, secrets: Record<string, unknown> | null): string {
  let text = message;
  for (const value of Object.values(secrets ?? {})) {
    if (typeof value === 'string' && value.length >= 4) text = text.split(value).join('[redacted]');
  }
  return text.slice(0, 1000);
}

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Runs due outbox jobs in the background of a server. Any number of copies may run on one database: jobs are
 * claimed with FOR UPDATE SKIP LOCKED, so each is done by one copy at a time (at least once; handlers are
 * written to tolerate a repeat after a crash).
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private lastPrune = 0;
  /** A deferred job is due in this many ms: the next round comes no later. */
  private wakeIn: number | null = null;
  readonly options: WorkerOptions;

  constructor(
    private readonly db: Db,
    private readonly registry: JobRegistry,
    private readonly log: FastifyBaseLogger,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...options };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Look for work now (call after committing a job that should go out at once). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: claim due jobs and run them. Returns how many were attempted. */
  async runOnce(): Promise<number> {
    const jobs = await claimDueJobs(this.db, this.options.batchSize, this.options.leaseMs);
    const sent = await Promise.all(jobs.map((job) => this.attempt(job)));
    // The round's done jobs marked in one statement; if that fails, their leases run out and they go again
    // (handlers tolerate a repeat).
    await markSent(
      this.db,
      jobs.filter((_, i) => sent[i]).map((job) => job.id),
    ).catch((error: unknown) => this.log.error({ err: error }, 'outbox: could not mark jobs sent'));
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await pruneSent(this.db, this.options.keepSentDays);
    }
    return jobs.length;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref();
  }

  private async loop() {
    this.timer = null;
    let busy = false;
    this.running = (async () => {
      try {
        // A full batch suggests more is due: go again at once.
        busy = (await this.runOnce()) === this.options.batchSize;
      } catch (error) {
        this.log.error({ err: error }, 'outbox: could not claim jobs');
      }
    })();
    await this.running;
    this.running = null;
    const now = this.again || busy;
    this.again = false;
    const soon = this.wakeIn;
    this.wakeIn = null;
    this.schedule(now ? 0 : Math.min(this.options.pollMs, soon ?? Infinity));
  }

  /** Run one job; true when it is done (marked sent by the caller), false when it failed or was deferred. */
  private async attempt(job: JobRow): Promise<boolean> {
    const handler = this.registry.get(job.kind);
    try {
      if (!handler) throw new PermanentJobError(`no handler for jobs of kind "${job.kind}" on this server`);
      await handler.run({
        id: job.id,
        kind: job.kind,
        payload: job.payload,
        secrets: job.secrets,
        attempt: job.attempts,
      });
      return true;
    } catch (error) {
      if (error instanceof DeferJobError) {
        await deferJob(this.db, job.id, error.message, error.delayMs).catch((writeError: unknown) => {
          this.log.error({ err: writeError, jobId: job.id }, 'outbox: could not defer a job');
        });
        // Deferred jobs come back soon: look again then, rather than at the next poll.
        this.wakeIn = Math.min(this.wakeIn ?? Infinity, error.delayMs);
        return false;
      }
      const message = redact(error instanceof Error ? error.message : String(error), job.secrets);
      const park = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
      this.log.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempts, error: message },
        park ? 'outbox: job failed, parked' : 'outbox: job failed, will retry',
      );
      try {
        if (park) await markFailed(this.db, job.id, message);
        else
          await scheduleRetry(
            this.db,
            job.id,
            message,
            backoffMs(job.attempts, this.options.retryBaseMs, this.options.retryMaxMs),
          );
      } catch (writeError) {
        // The lease will expire and the job come round again.
        this.log.error({ err: writeError, jobId: job.id }, 'outbox: could not record a failed attempt');
      }
      return false;
    }
  }
}
