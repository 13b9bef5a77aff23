import { forbidden } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';

/**
 * Searching needs record.search or record.read at all; what it returns is then limited by the access rule
 * (modules/access), the same one GET /api/events/{id} applies.
 */
export function requireSearchScope(user: AuthUser): void {
  if (!user.scopes.some((s) => s.name === 'record.search' || s.name === 'record.read')) {
    throw forbidden(`your role (${user.role}) cannot search records`);
  }
}
