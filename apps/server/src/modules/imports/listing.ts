import type { ImportPage } from '@lifeline/domain';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { grantsOf, type Grant } from '../access/rule.ts';
import type { AuthUser } from '../auth/types.ts';
import { toView, withImports, type ImportsTable } from './tables.ts';

type ImportEB = ExpressionBuilder<{ imports: ImportsTable }, 'imports'>;

/** The offices a grant reaches, as a filter on the import's office (the same reach as getImport's check). */
function reachSql(ctx: AppContext, eb: ImportEB, grant: Grant): Expression<SqlBool> {
  const { reach } = grant;
  if (reach.kind === 'everywhere') return sql<SqlBool>`true`;
  if (reach.kind === 'office') return eb('started_at_office', '=', reach.officeId);
  const offices = [...ctx.country.locations.all()]
    .filter(
      (l) =>
        l.type === 'CRVS_OFFICE' && (l.id === reach.officeId || ctx.country.locations.isWithin(l.id, reach.areaId)),
    )
    .map((l) => l.id);
  return offices.length ? eb('started_at_office', 'in', offices) : sql<SqlBool>`false`;
}

/**
 * The imports a user may follow, newest first: their own, and those of the event types and offices their
 * record.import reaches (a national administrator sees every import of the country).
 */
export async function listImports(
  ctx: AppContext,
  user: AuthUser,
  page: { limit: number; offset: number },
): Promise<ImportPage> {
  const grants = grantsOf(ctx.country, user, 'record.import');
  if (!grants.length) throw forbidden(`your role (${user.role}) does not have record.import`);
  const visible = (eb: ImportEB) =>
    eb.or([
      eb('started_by', '=', user.id),
      ...grants.map((g) =>
        g.events ? eb.and([eb('event_type', 'in', [...g.events]), reachSql(ctx, eb, g)]) : reachSql(ctx, eb, g),
      ),
    ]);
  const db = withImports(ctx.db);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('imports')
      .selectAll()
      .where(visible)
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('imports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(visible)
      .executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toView), total: Number(count.n) };
}
