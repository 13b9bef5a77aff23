import { EventSettings, SettingsLayer } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { problems } from '../../lib/problem-schema.ts';
import type { AuthUser } from '../auth/types.ts';
import {
  rollbackSettings,
  settingsVersion,
  settingsVersions,
  settingsView,
  requireConfigAdmin,
  updateSettings,
} from './service.ts';

const tags = ['settings'];

const Effective = SettingsLayer.required({
  countryName: true,
  currency: true,
  defaultLanguage: true,
  nationalIdPattern: true,
  passwordMinLength: true,
  sessionHours: true,
}).extend({ events: z.record(z.string(), EventSettings) });

const SettingsView = z.object({
  version: z.number().int().describe('the settings version in force (0: the country package alone)'),
  settings: Effective.describe('every editable setting as it is in force'),
  defaults: Effective.describe("the country package's values, under every change"),
  languages: z.array(z.string()),
  events: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      hideableFields: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ),
});

const Reason = z.string().trim().min(1).max(500).describe('why: kept with the version and in the audit log');

const VersionSummary = z.object({
  version: z.number().int(),
  reason: z.string(),
  createdBy: z.string(),
  createdByRole: z.string(),
  createdAt: z.string(),
  rollbackOf: z.number().int().nullable().describe('the version this one put back, for a rollback'),
});

const VersionParams = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) });
const Page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Application settings changed in the app by the national system administrator: a versioned layer. */
export function settingsRoutes(app: ApiApp, ctx: AppContext) {
  // The scope is checked before the body: whoever may not change settings learns nothing about what is valid.
  const auth = {
    onRequest: [app.authenticate],
    preValidation: async (request: { user: AuthUser }) => requireConfigAdmin(request.user),
  };
  app.get(
    '/api/config/settings',
    {
      ...auth,
      schema: {
        operationId: 'getApplicationSettings',
        tags,
        summary: 'The application settings in force and their defaults (config.update-all, national)',
        response: { 200: SettingsView, ...problems(401, 403) },
      },
    },
    async (request) => {
      requireConfigAdmin(request.user);
      return settingsView(ctx);
    },
  );

  app.put(
    '/api/config/settings',
    {
      ...auth,
      schema: {
        operationId: 'updateApplicationSettings',
        tags,
        summary: 'Change application settings: a new version, in force at once on every server copy',
        description:
          'The values given replace those in force (per event type, per value); the others stay. Each value is ' +
          'checked by the schema of the country package, then the whole config as at start: a refused value ' +
          'answers 400 naming it and changes nothing. Send `baseVersion` to be refused (409) if someone saved ' +
          'meanwhile.',
        body: z.object({
          settings: SettingsLayer.refine((s) => Object.keys(s).length > 0, 'change at least one setting'),
          reason: Reason,
          baseVersion: z.number().int().min(0).optional(),
        }),
        response: { 200: SettingsView, ...problems(400, 401, 403, 409) },
      },
    },
    async (request) => updateSettings(ctx, request.user, request.body),
  );

  app.get(
    '/api/config/settings/versions',
    {
      ...auth,
      schema: {
        operationId: 'listApplicationSettingsVersions',
        tags,
        summary: 'Versions of the settings, newest first: who changed them, when and why',
        querystring: Page,
        response: { 200: z.array(VersionSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => settingsVersions(ctx, request.user, 'settings', request.query),
  );

  app.get(
    '/api/config/settings/versions/:version',
    {
      ...auth,
      schema: {
        operationId: 'getApplicationSettingsVersion',
        tags,
        summary: 'One version of the settings: the values it changed over the country package',
        params: VersionParams,
        response: {
          200: VersionSummary.extend({ data: z.record(z.string(), z.unknown()) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => settingsVersion(ctx, request.user, 'settings', request.params.version),
  );

  app.post(
    '/api/config/settings/versions/:version/rollback',
    {
      ...auth,
      schema: {
        operationId: 'rollbackApplicationSettings',
        tags,
        summary: 'Put an earlier version back in force (as a new version); version 0 is the country package',
        params: z.object({ version: z.coerce.number().int().min(0).max(2_147_483_647) }),
        body: z.object({ reason: Reason }),
        response: { 200: SettingsView, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => rollbackSettings(ctx, request.user, request.params.version, request.body.reason),
  );
}
