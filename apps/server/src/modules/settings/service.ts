import {
  applySettingsLayer,
  editableSettings,
  grantedJurisdiction,
  hideableFields,
  mergeSettingsLayers,
  SettingsLayer,
  SettingsLayerError,
  type SettingsView,
  textIn,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { findVersion, insertVersion, latestVersion, listVersions, lockLayer, type Layer } from './repository.ts';
import type { SettingsRuntime } from './runtime.ts';

/** Settings are the country's: only a national system administrator (config.update-all, everywhere) sees them. */
export function requireConfigAdmin(user: AuthUser, what = 'application settings') {
  if (grantedJurisdiction(user.scopes, 'config.update-all') !== 'all') {
    throw forbidden(`only a national system administrator (config.update-all) manages ${what}`);
  }
}

export function runtimeOf(ctx: AppContext): SettingsRuntime {
  if (!ctx.settings) throw conflict('settings are not being followed on this server');
  return ctx.settings;
}

/** The settings in force, the layer behind them, and what the editor may offer (events, hideable fields). */
export function settingsView(ctx: AppContext): SettingsView {
  const { config } = ctx.country;
  const { base, live } = runtimeOf(ctx);
  return {
    version: live.version('settings'),
    settings: editableSettings(config),
    defaults: editableSettings(base),
    languages: config.settings.languages,
    events: base.events.map((event) => ({
      id: event.id,
      label: textIn(event.label, config.settings.defaultLanguage),
      // Named with their page: several pages ask the same question (the mother's and the father's occupation).
      hideableFields: hideableFields(event).map((f) => {
        const page = event.pages.find((p) => p.fields.includes(f))!;
        const language = config.settings.defaultLanguage;
        return { id: f.id, label: `${textIn(page.title, language)}: ${textIn(f.label, language)}` };
      }),
    })),
  };
}

/** `SettingsLayerError` as the 400 that names the value. */
function refused(error: unknown): never {
  if (error instanceof SettingsLayerError) {
    throw badRequest(`settings.${error.field}: ${error.message}`, [
      { field: `settings.${error.field}`, message: error.message },
    ]);
  }
  throw error;
}

/**
 * Save a change as the next version of the settings layer: merged over the layer in force, checked like the
 * package is at start (a refused value changes nothing), audited in the same transaction, and in force on every
 * copy once committed (this copy at once, the others on the message).
 */
export async function updateSettings(
  ctx: AppContext,
  user: AuthUser,
  input: { settings: SettingsLayer; reason: string; baseVersion?: number },
) {
  requireConfigAdmin(user);
  const runtime = runtimeOf(ctx);
  const version = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockLayer(trx, 'settings');
    if (input.baseVersion !== undefined && input.baseVersion !== current) {
      throw conflict(`the settings changed meanwhile (version ${current}, not ${input.baseVersion}): reload them`);
    }
    const latest = current ? await latestVersion(trx, 'settings') : undefined;
    const layer = mergeSettingsLayers(SettingsLayer.parse(latest?.data ?? {}), input.settings);
    try {
      applySettingsLayer(runtime.base, layer);
    } catch (error) {
      refused(error);
    }
    await recordVersion(trx, user, 'settings', {
      version: current + 1,
      data: layer,
      reason: input.reason,
      rollbackOf: null,
    });
    return current + 1;
  });
  await runtime.live.refresh('settings');
  return { ...settingsView(ctx), version };
}

/** Put an earlier version back in force, as a new version (0 = the country package alone). */
export async function rollbackSettings(ctx: AppContext, user: AuthUser, to: number, reason: string) {
  requireConfigAdmin(user);
  const runtime = runtimeOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockLayer(trx, 'settings');
    const target = to === 0 ? { data: {} } : await findVersion(trx, 'settings', to);
    if (!target || to > current) throw notFound(`there is no settings version ${to}`);
    try {
      applySettingsLayer(runtime.base, SettingsLayer.parse(target.data));
    } catch (error) {
      // An old version the package no longer accepts (changed since): say so rather than half-apply it.
      if (error instanceof SettingsLayerError) {
        throw conflict(`version ${to} no longer fits the country package: ${error.field}: ${error.message}`);
      }
      throw error;
    }
    await recordVersion(trx, user, 'settings', { version: current + 1, data: target.data, reason, rollbackOf: to });
  });
  await runtime.live.refresh('settings');
  return settingsView(ctx);
}

export async function recordVersion(
  trx: AppContext['db'],
  user: AuthUser,
  layer: Layer,
  row: { version: number; data: Record<string, unknown>; reason: string; rollbackOf: number | null },
) {
  await insertVersion(trx, layer, { ...row, createdBy: user.id, createdByRole: user.role });
  await appendAudit(trx, {
    stream: `settings:${layer}`,
    actorId: user.id,
    actorRole: user.role,
    action: row.rollbackOf === null ? `${layer}.update` : `${layer}.rollback`,
    subjectType: layer,
    subjectId: String(row.version),
    details: { version: row.version, reason: row.reason, rollbackOf: row.rollbackOf, changed: Object.keys(row.data) },
  });
}

export async function settingsVersions(
  ctx: AppContext,
  user: AuthUser,
  layer: Layer,
  page: { limit: number; offset: number },
) {
  requireConfigAdmin(user);
  const rows = await listVersions(ctx.db, layer, page.limit, page.offset);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function settingsVersion(ctx: AppContext, user: AuthUser, layer: Layer, version: number) {
  requireConfigAdmin(user);
  const row = await findVersion(ctx.db, layer, version);
  if (!row) throw notFound(`there is no ${layer} version ${version}`);
  return { ...row, createdAt: row.createdAt.toISOString() };
}
