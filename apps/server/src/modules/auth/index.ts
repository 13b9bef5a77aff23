/** The auth module's public face for other modules. */
export { endAllSessions, endUserSessions } from './sessions.ts';
export { PASSWORD_CHANGE_REQUIRED } from './authenticate.ts';
export type { AuthUser } from './types.ts';
