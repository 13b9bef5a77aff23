import type { AppContext } from '../../context.ts';
import { PROJECTION_VERSION } from '../events/projection.ts';
import { reindex } from './service.ts';

/** How often the rebuild's progress goes to the log. */
const LOG_EVERY_MS = 10_000;

/**
 * At start: make event_index's rows those the code computes now. A database whose rows were computed by an older
 * projection (projection_state.version below PROJECTION_VERSION) is rebuilt from the action log before the server
 * answers; one without a version has no rows from before (the migration that added the table wrote 1 if it had),
 * so it is current.
 */
export async function ensureProjectionCurrent(ctx: AppContext): Promise<void> {
  const { db, log } = ctx;
  const state = await db.selectFrom('projection_state').select('version').where('id', '=', 1).executeTakeFirst();
  if (!state) {
    await db
      .insertInto('projection_state')
      .values({ id: 1, version: PROJECTION_VERSION })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return;
  }
  if (state.version >= PROJECTION_VERSION) return;
  log.warn(
    { from: state.version, to: PROJECTION_VERSION },
    'the search projection is out of date: rebuilding event_index from the action log before starting',
  );
  let logged = Date.now();
  const result = await reindex(ctx, {
    onProgress: (p) => {
      if (p.phase === 'copy' && Date.now() - logged < LOG_EVERY_MS) return;
      logged = Date.now();
      log.info({ phase: p.phase, done: p.done, total: p.total, recordsPerSecond: p.recordsPerSecond }, 'reindex');
    },
  });
  log.warn({ records: result.records, seconds: result.seconds }, 'search projection rebuilt');
}
