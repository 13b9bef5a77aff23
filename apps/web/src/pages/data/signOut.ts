import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { getSession, onSessionChange, setSession } from '../../api/session.ts';

let onPurpose = false;

/** End the session on the server (best effort: offline, the tokens simply expire) and forget it here. */
export async function signOut(queryClient: QueryClient): Promise<void> {
  const session = getSession();
  if (session) {
    try {
      await api('/api/auth/logout', { body: { refreshToken: session.refreshToken }, anonymous: true });
    } catch {
      // Offline or already ended: the device forgets the tokens either way.
    }
  }
  onPurpose = true;
  localStorage.removeItem('lifeline.me');
  setSession(null);
  queryClient.clear();
}

/** Whether the session is gone because the user logged out (not because it expired). */
export function signedOutOnPurpose(): boolean {
  return onPurpose;
}

onSessionChange((session) => {
  if (session) onPurpose = false;
});
