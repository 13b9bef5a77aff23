import type { FastifyBaseLogger } from 'fastify';
import type { Db, ListenHandlers, Unlisten } from '../../db/connect.ts';
import { latestVersion, SETTINGS_CHANNEL, versionNumbers, type Layer, type VersionRow } from './repository.ts';

/** How often a copy checks the version numbers itself, in case a message was missed (the fallback). */
export const VERSION_CHECK_MS = 5_000;

/** What a layer does when a version of it comes into force on this copy (version 0: the package alone). */
export type ApplyLayer = (row: VersionRow | undefined) => void;

/**
 * Keeps this server copy on the newest version of every layer: at start, on every `lifeline_settings` message
 * (PostgreSQL LISTEN/NOTIFY: every copy hears a change as it commits), and every few seconds by comparing version
 * numbers, so a copy that missed messages (its listening connection dropped) catches up by itself.
 */
export class LiveLayers {
  private readonly applied = new Map<Layer, number>();
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly layers: Partial<Record<Layer, ApplyLayer>>,
  ) {}

  /** The version of a layer in force on this copy. */
  version(layer: Layer): number {
    return this.applied.get(layer) ?? 0;
  }

  async start(listen: (channel: string, handlers: ListenHandlers) => Promise<Unlisten>): Promise<Unlisten> {
    await this.refresh();
    const unlisten = await listen(SETTINGS_CHANNEL, {
      message: (payload) => void this.refresh(payload.split(':')[0] as Layer),
      listening: () => void this.refresh(),
      lost: () => this.log.warn('lost the settings channel: changes are picked up by the periodic check'),
    });
    this.timer = setInterval(() => void this.check(), VERSION_CHECK_MS);
    this.timer.unref();
    return async () => {
      clearInterval(this.timer);
      await unlisten();
      await this.running;
    };
  }

  /** Load and apply the newest version of the layers (one at a time, in order of the calls). */
  refresh(only?: Layer): Promise<void> {
    this.running = this.running.then(async () => {
      for (const layer of Object.keys(this.layers) as Layer[]) {
        if (only && layer !== only) continue;
        let row: VersionRow | undefined;
        try {
          row = await latestVersion(this.db, layer);
          if ((row?.version ?? 0) === this.version(layer) && this.applied.has(layer)) continue;
          this.layers[layer]!(row);
        } catch (error) {
          // A stored layer the package no longer accepts (after an upgrade): the previous config stays in force.
          this.log.error({ err: error, layer }, 'could not apply the newest settings version');
        }
        if (row || !this.applied.has(layer)) this.applied.set(layer, row?.version ?? 0);
      }
    });
    return this.running;
  }

  private async check(): Promise<void> {
    try {
      const numbers = await versionNumbers(this.db);
      for (const layer of Object.keys(this.layers) as Layer[]) {
        if ((numbers[layer] ?? 0) !== this.version(layer)) await this.refresh(layer);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'settings version check failed');
    }
  }
}
