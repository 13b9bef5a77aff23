import type { AuthUser } from '../auth/types.ts';

/**
 * Who `lifeline import` acts as: the operator of the server itself (who holds the database), with record.import
 * everywhere. Imported actions and audit entries name it; the original registrar's name is in each REGISTER.
 */
export const CLI_ACTOR: AuthUser = {
  id: 'lifeline-import',
  username: 'lifeline-import',
  role: 'IMPORT',
  scopes: [{ name: 'record.import', events: null, jurisdiction: 'all' }],
  primaryOfficeId: '',
};
