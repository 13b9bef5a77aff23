import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { useSession } from '../pages/data/useSession.ts';
import { outbox, type OutboxItem } from './outbox.ts';
import { discardItem, retryItem } from './sender.ts';

export interface OutboxState {
  /** The signed-in user's items on the device, oldest first (sent ones for a day). */
  items: OutboxItem[];
  /** Waiting or being sent. */
  pending: number;
  /** Refused by the server, or waiting for the user: they must look at them. */
  failed: OutboxItem[];
  retry(id: number): Promise<void>;
  discard(id: number): Promise<void>;
}

/** The outbox as the UI sees it, updated live as items are queued, sent or refused (in any tab). */
export function useOutbox(): OutboxState {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const username = useSession()?.username;
  useEffect(() => {
    if (!username) {
      setItems([]);
      return;
    }
    const subscription = liveQuery(() => outbox().list(username)).subscribe({
      next: setItems,
      error: () => setItems([]),
    });
    return () => subscription.unsubscribe();
  }, [username]);
  return {
    items,
    pending: items.filter((i) => i.state === 'waiting' || i.state === 'sending').length,
    failed: items.filter((i) => i.state === 'refused' || i.state === 'attention'),
    retry: retryItem,
    discard: discardItem,
  };
}
