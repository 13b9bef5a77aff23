import type { AppContext } from '../../context.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';

/**
 * One audit entry per list of records handed out (a search or a workqueue page), on the reader's stream, naming
 * every record returned: who saw whose data stays answerable without an entry per row.
 */
export async function auditRecordList(
  ctx: AppContext,
  user: AuthUser,
  source: { kind: 'search' } | { kind: 'workqueue'; slug: string },
  request: { query: unknown; limit: number; offset: number; sort?: unknown },
  found: { results: Array<{ id: string }>; total: number },
): Promise<void> {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `user:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: source.kind === 'search' ? 'record.SEARCH' : 'record.WORKQUEUE',
      subjectType: 'records',
      subjectId: source.kind === 'search' ? 'search' : source.slug,
      details: {
        ...(source.kind === 'search' ? { query: request.query } : {}),
        limit: request.limit,
        offset: request.offset,
        ...(request.sort ? { sort: request.sort } : {}),
        total: found.total,
        returned: found.results.map((r) => r.id),
      },
    }),
  );
}
