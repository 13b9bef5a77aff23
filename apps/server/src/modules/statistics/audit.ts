import type { AppContext } from '../../context.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';

/** Every export (CSV, XLSX, microdata) and every data quality report is logged on the caller's export stream. */
export async function auditExport(
  ctx: AppContext,
  user: AuthUser,
  ip: string | null,
  what: { statistic: string; format: string; filters: Record<string, unknown>; rows: number },
): Promise<void> {
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `statistics:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'statistics.EXPORT',
      subjectType: 'statistics',
      subjectId: what.statistic,
      ip,
      details: { format: what.format, filters: what.filters, rows: what.rows },
    }),
  );
}
