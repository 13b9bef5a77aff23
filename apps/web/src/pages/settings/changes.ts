import type { EffectiveSettings, SettingsLayer } from '@lifeline/domain';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings the administrator changed in the editor, and only those: what PUT /api/config/settings takes. */
export function changedSettings(before: EffectiveSettings, after: EffectiveSettings): SettingsLayer {
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof EffectiveSettings>) {
    if (key !== 'events' && !same(before[key], after[key])) change[key] = after[key];
  }
  const events: NonNullable<SettingsLayer['events']> = {};
  for (const [id, settings] of Object.entries(after.events)) {
    const was = before.events[id] ?? {};
    const diff = Object.fromEntries(
      Object.entries(settings).filter(([key, value]) => !same(was[key as keyof typeof was], value)),
    );
    if (Object.keys(diff).length) events[id] = diff;
  }
  if (Object.keys(events).length) change.events = events;
  return change as SettingsLayer;
}
