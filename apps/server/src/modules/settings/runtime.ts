import { applySettingsLayer, parseScope, SettingsLayer, todayIn, type CountryConfig } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Country } from '../../country.ts';
import type { ListenHandlers, Unlisten } from '../../db/connect.ts';
import { LiveLayers, type ApplyLayer } from './live.ts';
import type { Layer } from './repository.ts';

/** The country package as loaded at start (the default under every layer) and the layers' live state. */
export interface SettingsRuntime {
  base: CountryConfig;
  live: LiveLayers;
}

/**
 * Put a config in force on this copy. The Country object is shared by every module (they read `ctx.country` per
 * request), so it is changed in place; the location tree is kept (locations are not settings, and the API adds
 * to it at run time).
 */
export function putInForce(country: Country, config: CountryConfig): void {
  country.config = config;
  country.events = new Map(config.events.map((e) => [e.id, e]));
  country.roles = new Map(config.roles.map((role) => [role.id, { role, scopes: role.scopes.map(parseScope) }]));
  country.today = () => todayIn(config.settings.timeZone);
}

/** Start following the settings (and other layers given) on this copy; sets `ctx.settings`. */
export async function startSettings(
  ctx: AppContext,
  listen: (channel: string, handlers: ListenHandlers) => Promise<Unlisten>,
  others: Partial<Record<Exclude<Layer, 'settings'>, ApplyLayer>> = {},
): Promise<Unlisten> {
  const base = ctx.country.config;
  const live = new LiveLayers(ctx.db, ctx.log, {
    settings: (row) => putInForce(ctx.country, row ? applySettingsLayer(base, SettingsLayer.parse(row.data)) : base),
    ...others,
  });
  ctx.settings = { base, live };
  return live.start(listen);
}
