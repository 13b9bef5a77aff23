import {
  applyCertificateTemplates,
  applyFormContent,
  parseCertificateTemplate,
  type CertificateTemplate,
  applySettingsLayer,
  ContentLayer,
  parseScope,
  SettingsLayer,
  todayIn,
  type CountryConfig,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Country } from '../../country.ts';
import type { ListenHandlers, Unlisten } from '../../db/connect.ts';
import { LiveLayers } from './live.ts';

/** The country package as loaded at start (the default under every layer) and the layers in force. */
export interface SettingsRuntime {
  base: CountryConfig;
  live: LiveLayers;
  /** The content layer in force (translations changed in the app). */
  content: ContentLayer;
  /** The version of each certificate template in force (absent: 0, the package's). */
  templateVersions: Map<string, number>;
}

/** The layer of `settings_versions` that holds the versions of one certificate template. */
export const templateLayer = (id: string) => `certificate-template.${id}` as const;

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

/**
 * Start following the settings and content layers on this copy; sets `ctx.settings`. The config in force is the
 * package, with the settings layer (checked as at start), with the content layer's form texts.
 */
export async function startSettings(
  ctx: AppContext,
  listen: (channel: string, handlers: ListenHandlers) => Promise<Unlisten>,
): Promise<Unlisten> {
  const base = ctx.country.config;
  let settings = base;
  const runtime: SettingsRuntime = {
    base,
    live: undefined!,
    content: ContentLayer.parse({}),
    templateVersions: new Map(),
  };
  const templates: Record<string, CertificateTemplate> = {};
  const compose = () => {
    const layered = applyCertificateTemplates(settings, templates);
    putInForce(ctx.country, { ...layered, events: applyFormContent(layered.events, runtime.content) });
  };
  // One layer per template of the package: each has its own versions, rolled back on its own.
  const templateLayers = Object.fromEntries(
    (base.certificates?.templates ?? []).map((t) => [
      templateLayer(t.id),
      (row: { version: number; data: unknown } | undefined) => {
        const before = templates[t.id];
        // The package's template, already in force (the usual case at start): nothing to compose.
        if (!row && !before) return void runtime.templateVersions.set(t.id, 0);
        const next = row ? parseCertificateTemplate(row.data) : undefined;
        if (next) templates[t.id] = next;
        else delete templates[t.id];
        try {
          compose();
        } catch (error) {
          // Refused (e.g. the package changed under it): the previous template stays in force.
          if (before) templates[t.id] = before;
          else delete templates[t.id];
          throw error;
        }
        runtime.templateVersions.set(t.id, row?.version ?? 0);
      },
    ]),
  );
  runtime.live = new LiveLayers(ctx.db, ctx.log, {
    ...templateLayers,
    settings: (row) => {
      settings = row ? applySettingsLayer(base, SettingsLayer.parse(row.data)) : base;
      compose();
    },
    content: (row) => {
      runtime.content = ContentLayer.parse(row?.data ?? {});
      compose();
    },
  });
  ctx.settings = runtime;
  return runtime.live.start(listen);
}
