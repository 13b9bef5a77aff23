import { z } from 'zod';
import { CertificateFees } from './certificates.ts';
import { buildCountryConfig, CountryConfigError, type ConfigPart, type CountryConfig } from './country.ts';
import type { FieldConfig } from './fields.ts';
import { Timeliness, type EventConfig } from './forms.ts';
import { FamilyMessage, FamilyMessageId, type FamilyMessages } from './family-messages.ts';
import { ApplicationSettings } from './settings.ts';

/**
 * Application settings changed in the app: a layer over the country package, which stays the default. Each value
 * is checked by the same schema the package's value is (fees, limits, formats, patterns), then the whole config
 * with the layer applied is checked again as at start (buildCountryConfig), so a layer can never produce a config
 * the server would have refused to start with.
 */
const shape = ApplicationSettings.shape;

export const EventSettings = z
  .object({
    fees: CertificateFees.optional(),
    timeliness: Timeliness.optional(),
    registrationNumberFormat: shape.registrationNumberFormat.optional(),
    /** Optional fields of the form not shown (nor asked for) on new declarations. */
    hiddenFields: z.array(z.string().min(1).max(100)).max(200).optional(),
    /** Registration waits for the national ID system's confirmation (see EventConfig). */
    nationalIdConfirmation: z.boolean().optional(),
  })
  .strict();
export type EventSettings = z.infer<typeof EventSettings>;

export const SettingsLayer = z
  .object({
    countryName: shape.countryName.max(100).optional(),
    logo: shape.logo,
    currency: shape.currency.shape.code.optional(),
    defaultLanguage: shape.defaultLanguage.optional(),
    nationalIdPattern: shape.nationalIdPattern.optional(),
    passwordMinLength: shape.passwordMinLength,
    sessionHours: shape.sessionHours,
    events: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), EventSettings).optional(),
    /** Messages to families: on or off, and their texts per language (checked for their placeholders). */
    familyMessages: z.partialRecord(FamilyMessageId, FamilyMessage.partial().strict()).optional(),
  })
  .strict();
export type SettingsLayer = z.infer<typeof SettingsLayer>;

/** Never true: the condition of a field the country chose not to show. */
const NEVER = { type: 'not', condition: { type: 'always' } } as const;

/** The settings as they are in force: every editable value, from the layer or else the package. */
export function editableSettings(
  config: CountryConfig,
): Required<Omit<SettingsLayer, 'logo' | 'familyMessages'>> & { logo?: string; familyMessages: FamilyMessages } {
  const { settings } = config;
  return {
    countryName: settings.countryName,
    ...(settings.logo ? { logo: settings.logo } : {}),
    currency: settings.currency.code,
    defaultLanguage: settings.defaultLanguage,
    nationalIdPattern: settings.nationalIdPattern,
    passwordMinLength: settings.passwordMinLength ?? 12,
    sessionHours: settings.sessionHours ?? 12,
    familyMessages: config.notifications?.families ?? {},
    events: Object.fromEntries(
      config.events.map((event) => [
        event.id,
        {
          ...(config.certificates?.fees[event.id] ? { fees: config.certificates.fees[event.id] } : {}),
          timeliness: event.timeliness,
          registrationNumberFormat: event.registrationNumberFormat ?? settings.registrationNumberFormat,
          hiddenFields: hiddenFieldsOf(event),
          nationalIdConfirmation: event.nationalIdConfirmation ?? false,
        },
      ]),
    ),
  };
}

/** Fields a country may hide: optional ones (a required field is part of the law's minimum). */
export function hideableFields(event: EventConfig): FieldConfig[] {
  return event.pages.flatMap((p) => p.fields).filter((f) => !f.required && f.type !== 'PARAGRAPH');
}

function hiddenFieldsOf(event: EventConfig): string[] {
  return event.pages
    .flatMap((p) => p.fields)
    .filter((f) => JSON.stringify(f.showIf) === JSON.stringify(NEVER))
    .map((f) => f.id);
}

/** A problem with a layer, named by its place in the layer (e.g. `events.birth.fees.late`). */
export class SettingsLayerError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(problem);
  }
}

/** The package config with the layer on top; throws SettingsLayerError naming the first bad value. */
export function applySettingsLayer(base: CountryConfig, layer: SettingsLayer): CountryConfig {
  const settings = { ...base.settings };
  if (layer.countryName !== undefined) settings.countryName = layer.countryName;
  if (layer.logo !== undefined) settings.logo = layer.logo;
  if (layer.currency !== undefined) settings.currency = { ...settings.currency, code: layer.currency };
  if (layer.defaultLanguage !== undefined) {
    if (!settings.languages.includes(layer.defaultLanguage)) {
      throw new SettingsLayerError('defaultLanguage', `"${layer.defaultLanguage}" is not one of ${settings.languages}`);
    }
    settings.defaultLanguage = layer.defaultLanguage;
  }
  if (layer.nationalIdPattern !== undefined) settings.nationalIdPattern = layer.nationalIdPattern;
  if (layer.passwordMinLength !== undefined) settings.passwordMinLength = layer.passwordMinLength;
  if (layer.sessionHours !== undefined) settings.sessionHours = layer.sessionHours;
  const fees = base.certificates ? { ...base.certificates.fees } : undefined;
  const events = base.events.map((event) => {
    const change = layer.events?.[event.id];
    if (!change) return event;
    const field = `events.${event.id}`;
    if (change.fees) {
      if (!fees) throw new SettingsLayerError(`${field}.fees`, 'this country prints no certificates');
      fees[event.id] = change.fees;
    }
    return {
      ...event,
      ...(change.timeliness ? { timeliness: change.timeliness } : {}),
      ...(change.registrationNumberFormat ? { registrationNumberFormat: change.registrationNumberFormat } : {}),
      ...(change.nationalIdConfirmation !== undefined ? { nationalIdConfirmation: change.nationalIdConfirmation } : {}),
      pages: change.hiddenFields ? hideFields(event, change.hiddenFields, `${field}.hiddenFields`) : event.pages,
    };
  });
  for (const id of Object.keys(layer.events ?? {})) {
    if (!base.events.some((e) => e.id === id)) throw new SettingsLayerError(`events.${id}`, `unknown event "${id}"`);
  }
  const config: CountryConfig = {
    ...base,
    settings,
    events,
    ...(base.certificates && fees ? { certificates: { ...base.certificates, fees } } : {}),
  };
  if (layer.familyMessages) {
    if (!base.notifications) throw new SettingsLayerError('familyMessages', 'this country sends no messages');
    const families: FamilyMessages = { ...base.notifications.families };
    for (const [id, change] of Object.entries(layer.familyMessages) as Array<
      [FamilyMessageId, Partial<FamilyMessage>]
    >) {
      const was = families[id];
      if (!was && !(change.subject && change.email && change.sms)) {
        throw new SettingsLayerError(`familyMessages.${id}`, 'a new message needs its subject, email and SMS texts');
      }
      families[id] = { enabled: true, ...was, ...change } as FamilyMessage;
    }
    config.notifications = { ...base.notifications, families };
  }
  return revalidate(config);
}

function hideFields(event: EventConfig, hidden: string[], field: string): EventConfig['pages'] {
  const hideable = new Set(hideableFields(event).map((f) => f.id));
  hidden.forEach((id, i) => {
    if (!hideable.has(id)) throw new SettingsLayerError(`${field}[${i}]`, `"${id}" is not an optional field`);
  });
  // Always applied to the package's form: a field no longer listed shows again under the package's own rules.
  const wanted = new Set(hidden);
  return event.pages.map((page) => ({
    ...page,
    fields: page.fields.map((f) => (wanted.has(f.id) ? { ...f, showIf: NEVER } : f)),
  }));
}

/** Every check the server makes at start, on the layered config. */
function revalidate(config: CountryConfig): CountryConfig {
  const parts: ConfigPart[] = [
    { section: 'settings', file: 'settings', data: config.settings },
    { section: 'roles', file: 'roles', data: config.roles },
    ...config.events.map((e): ConfigPart => ({ section: 'event', file: `events.${e.id}`, data: e })),
    { section: 'locations', file: 'locations', data: config.locations },
    { section: 'statistics', file: 'statistics', data: config.statistics },
    { section: 'employees', file: 'employees', data: config.employees },
    { section: 'workqueues', file: 'workqueues', data: config.workqueues },
  ];
  const optional = ['certificates', 'fhir', 'notifications', 'help', 'vitalStatistics'] as const;
  for (const section of optional) {
    if (config[section]) parts.push({ section, file: section, data: config[section] });
  }
  try {
    return buildCountryConfig(parts);
  } catch (error) {
    if (error instanceof CountryConfigError) {
      const field = [error.file, error.field].filter(Boolean).join('.');
      // Named as the layer names it: notifications.families.x -> familyMessages.x
      const named = field.replace(/^notifications\.families\./, 'familyMessages.');
      throw new SettingsLayerError(named, error.message);
    }
    throw error;
  }
}

/** Merge a change into a layer: values replace, events merge per event type. */
export function mergeSettingsLayers(layer: SettingsLayer, change: SettingsLayer): SettingsLayer {
  const events = { ...layer.events };
  for (const [id, settings] of Object.entries(change.events ?? {})) events[id] = { ...events[id], ...settings };
  const familyMessages = { ...layer.familyMessages };
  for (const [id, message] of Object.entries(change.familyMessages ?? {}) as Array<[FamilyMessageId, object]>) {
    familyMessages[id] = { ...familyMessages[id], ...message };
  }
  return {
    ...layer,
    ...change,
    ...(Object.keys(events).length ? { events } : {}),
    ...(Object.keys(familyMessages).length ? { familyMessages } : {}),
  };
}

/** Every editable setting as in force (GET /api/config/settings). */
export type EffectiveSettings = ReturnType<typeof editableSettings>;

/** What GET /api/config/settings answers. */
export interface SettingsView {
  version: number;
  settings: EffectiveSettings;
  defaults: EffectiveSettings;
  languages: string[];
  events: Array<{ id: string; label: string; hideableFields: Array<{ id: string; label: string }> }>;
}

/** One version of the settings in the list of versions. */
export interface SettingsVersionSummary {
  version: number;
  reason: string;
  createdBy: string;
  createdByRole: string;
  createdAt: string;
  rollbackOf: number | null;
}
