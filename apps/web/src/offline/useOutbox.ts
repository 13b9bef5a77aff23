import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { getSession } from '../api/session.ts';
import { discardItem, listItems, retryItem, type OutboxItem } from './outbox.ts';

export interface OutboxState {
  /** The signed-in user's items still on the device, oldest first. */
  items: OutboxItem[];
  /** Waiting to be sent. */
  pending: number;
  /** Refused by the server: the user must look at them. */
  failed: OutboxItem[];
  retry(id: number): Promise<void>;
  discard(id: number): Promise<void>;
}

/** The outbox as the UI sees it, updated live as items are queued, sent or refused. */
export function useOutbox(): OutboxState {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const username = getSession()?.username;
  useEffect(() => {
    if (!username) {
      setItems([]);
      return;
    }
    const subscription = liveQuery(() => listItems(username)).subscribe({
      next: setItems,
      error: () => setItems([]),
    });
    return () => subscription.unsubscribe();
  }, [username]);
  return {
    items,
    pending: items.filter((i) => i.status === 'pending').length,
    failed: items.filter((i) => i.status === 'failed'),
    retry: retryItem,
    discard: discardItem,
  };
}
