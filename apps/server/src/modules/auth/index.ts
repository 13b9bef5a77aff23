/** The auth module's public face for other modules. */
export { endAllSessions, endAllSessionsOfUser, endUserSessions } from './sessions.ts';
export { PASSWORD_CHANGE_REQUIRED } from './authenticate.ts';
export type { AuthUser } from './types.ts';
export { clearThrottle, slowedUntil } from './repository.ts';
