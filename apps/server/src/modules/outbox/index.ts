export { enqueue, enqueueAfter, DEFAULT_MAX_ATTEMPTS } from './service.ts';
export { DeferJobError, JobRegistry, PermanentJobError, type Job, type JobHandler } from './registry.ts';
export { OutboxWorker, type WorkerOptions } from './worker.ts';
