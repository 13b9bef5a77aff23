export { enqueue, DEFAULT_MAX_ATTEMPTS } from './service.ts';
export { jobAfter, type NewJob } from './repository.ts';
export { DeferJobError, JobRegistry, PermanentJobError, type Job, type JobHandler } from './registry.ts';
export { OutboxWorker, type WorkerOptions } from './worker.ts';
