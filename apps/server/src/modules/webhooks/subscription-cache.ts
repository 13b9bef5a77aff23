import type { AppContext } from '../../context.ts';
import type { Db, ListenHandlers, Unlisten } from '../../db/connect.ts';
import { notify } from '../auth/repository.ts';
import { liveSubscriptions, type SubscriptionRow } from './repository.ts';

/** The channel on which every server copy announces that the webhook subscriptions changed. */
export const WEBHOOKS_CHANNEL = 'lifeline_webhooks';

/**
 * The live webhook subscriptions, kept in memory: every record change asks which subscriptions want it, and the
 * answer changes only when an integrator subscribes or unsubscribes. Every copy drops its copy on a
 * `lifeline_webhooks` message (PostgreSQL LISTEN/NOTIFY, sent in the changing transaction); a load that raced with
 * a change is not kept; while not listening nothing is kept, so no copy can miss a subscription.
 */
export class SubscriptionCache {
  private rows: SubscriptionRow[] | null = null;
  private generation = 0;
  private listening = false;

  constructor(private readonly read: (db: Db) => Promise<SubscriptionRow[]> = liveSubscriptions) {}

  /** Live subscriptions to any of these patterns. */
  async matching(db: Db, patterns: readonly string[]): Promise<SubscriptionRow[]> {
    const rows = this.rows ?? (await this.load(db));
    return rows.filter((s) => s.events.some((e) => patterns.includes(e)));
  }

  /** Forget what is kept (a change was announced, or this copy made one). */
  changed(): void {
    this.generation += 1;
    this.rows = null;
  }

  handlers(onLost: () => void): ListenHandlers {
    return {
      message: () => this.changed(),
      listening: () => {
        this.changed();
        this.listening = true;
      },
      lost: () => {
        this.listening = false;
        this.changed();
        onLost();
      },
    };
  }

  private async load(db: Db): Promise<SubscriptionRow[]> {
    const generation = this.generation;
    const rows = await this.read(db);
    if (this.listening && generation === this.generation) this.rows = rows;
    return rows;
  }
}

/** Start following subscription changes on this copy (set as ctx.webhookSubscriptions). */
export async function startSubscriptionCache(
  ctx: Pick<AppContext, 'log'>,
  listen: (channel: string, handlers: ListenHandlers) => Promise<Unlisten>,
): Promise<{ cache: SubscriptionCache; stop: Unlisten }> {
  const cache = new SubscriptionCache();
  const stop = await listen(
    WEBHOOKS_CHANNEL,
    cache.handlers(() =>
      ctx.log.warn('lost the webhooks channel: subscriptions are read on every change until it is back'),
    ),
  );
  return { cache, stop };
}

/** In a transaction that changes subscriptions: every copy forgets its kept ones when it commits. */
export function announceSubscriptionChange(trx: Db): Promise<void> {
  return notify(trx, WEBHOOKS_CHANNEL, 'changed');
}
