import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Country } from '../../country.ts';
import type { Database } from '../../db/schema.ts';
import { forbidden } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';

type EB = ExpressionBuilder<Database, 'event_index'>;

const escape = (id: string) => id.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The records a user may find: those their record.search / record.read scopes reach (by event type and
 * jurisdiction), plus the records they created. Applied to every search, so results never leak.
 */
export function accessFilter(eb: EB, country: Country, user: AuthUser): Expression<SqlBool> {
  const grants: Expression<SqlBool>[] = [eb('created_by', '=', user.id)];
  const area = country.locations.areaOf(user.primaryOfficeId);
  for (const scope of user.scopes) {
    if (scope.name !== 'record.search' && scope.name !== 'record.read') continue;
    const parts: Expression<SqlBool>[] = [];
    if (scope.events) parts.push(eb('type', 'in', scope.events));
    if (scope.jurisdiction === 'office' || (scope.jurisdiction === 'area' && !area)) {
      parts.push(eb('created_at_location', '=', user.primaryOfficeId));
    } else if (scope.jurisdiction === 'area' && area) {
      const pattern = `%/${escape(area)}/%`;
      parts.push(sql<SqlBool>`(created_at_location_path LIKE ${pattern} OR place_of_event_path LIKE ${pattern})`);
    }
    grants.push(parts.length ? eb.and(parts) : sql<SqlBool>`true`);
  }
  return eb.or(grants);
}

/** Searching needs record.search or record.read at all; what it returns is then limited by accessFilter. */
export function requireSearchScope(user: AuthUser): void {
  if (!user.scopes.some((s) => s.name === 'record.search' || s.name === 'record.read')) {
    throw forbidden(`your role (${user.role}) cannot search records`);
  }
}
