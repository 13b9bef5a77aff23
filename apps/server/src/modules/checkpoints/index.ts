/** Signed checkpoints of every chain head: what makes deletions and re-hashed chains visible to verify-log. */
export { startCheckpoints } from './job.ts';
export { checkpointRoutes } from './routes.ts';
export { verifyCheckpoints, writeCheckpoint, type CheckpointProblem } from './service.ts';
