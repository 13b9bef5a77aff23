import type { AppContext } from '../../context.ts';
import { certificateKeys } from '../verify/index.ts';
import { writeCheckpoint } from './service.ts';

/**
 * Write a checkpoint every `seconds` in the background (every server copy may: they take turns, and a copy finding
 * nothing moved writes nothing). A failure is logged and the next tick tries again. Returns the stop function.
 */
export function startCheckpoints(ctx: AppContext, seconds: number): () => Promise<void> {
  if (!seconds) return async () => undefined;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const row = await writeCheckpoint(ctx.db, await certificateKeys(ctx));
        if (row) ctx.log.info({ checkpoint: row.id, heads: row.heads, root: row.root }, 'register checkpoint written');
      } catch (error) {
        ctx.log.error({ err: error }, 'register checkpoint failed');
      }
    });
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
