import { useEffect, useState } from 'react';
import { getSession, onSessionChange, type Session } from '../../api/session.ts';

/** The current session, following sign-in, renewal, expiry and sign-out (also from other tabs). */
export function useSession(): Session | null {
  const [session, setSession] = useState(getSession);
  useEffect(() => {
    const stop = onSessionChange(setSession);
    const fromOtherTab = (event: StorageEvent) => {
      if (event.key === 'lifeline.session') setSession(getSession());
    };
    window.addEventListener('storage', fromOtherTab);
    return () => {
      stop();
      window.removeEventListener('storage', fromOtherTab);
    };
  }, []);
  return session;
}
