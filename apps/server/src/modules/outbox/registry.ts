/** A job as its handler receives it. */
export interface Job<P = Record<string, unknown>> {
  id: number;
  kind: string;
  payload: P;
  /** Values the handler needs but nobody may read back (a one-time code); null once sent. */
  secrets: Record<string, unknown> | null;
  /** 1 on the first attempt. */
  attempt: number;
}

/**
 * What to do with jobs of one kind. `run` resolves when the work is done; a throw is retried with exponential
 * backoff, a PermanentJobError parks the job as failed at once (retrying cannot help, e.g. no address to send to).
 */
export interface JobHandler<P = Record<string, unknown>> {
  kind: string;
  run(job: Job<P>): Promise<void>;
}

export class PermanentJobError extends Error {}

/**
 * Not now, and not a failure: the job waits `delayMs` without using up an attempt (e.g. a webhook delivery
 * waiting for an earlier one of the same record, so deliveries keep their order).
 */
export class DeferJobError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/**
 * The job kinds one server knows, registered at start by the modules that own them (notifications now; webhook
 * deliveries, national ID requests and messages to families later). Enqueueing needs no registry: any module
 * writes a job of its kind in its own transaction, and the worker finds the handler here.
 */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register<P>(handler: JobHandler<P>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`a handler for "${handler.kind}" jobs is registered already`);
    this.handlers.set(handler.kind, handler as unknown as JobHandler);
  }

  get(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
