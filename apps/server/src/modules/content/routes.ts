import { LanguageCode, MessageKey } from '@lifeline/domain';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { problems } from '../../lib/problem-schema.ts';
import type { AuthUser } from '../auth/types.ts';
import { appMessages, contentEntries, contentLanguages, saveContent } from './service.ts';
import { requireConfigAdmin } from '../settings/service.ts';
import { readTranslationFile } from './files.ts';

const tags = ['content'];
const Language = z.object({
  code: z.string(),
  name: z.string(),
  missing: z.number().int().describe('texts with no translation (the default language shows instead)'),
});
const LanguageParams = z.object({ language: LanguageCode });
const Reason = z.string().trim().min(1).max(500).describe('why: kept with the version and in the audit log');
const Name = z.string().trim().min(1).max(50).optional().describe('the name of a new language, e.g. Kiswahili');

/** Translations: read by everyone (the login page is translated too), changed by the national administrator. */
export function contentRoutes(app: ApiApp, ctx: AppContext) {
  // The scope is checked before the body: whoever may not change content learns nothing about what is valid.
  const auth = {
    onRequest: [app.authenticate],
    preValidation: async (request: { user: AuthUser }) => requireConfigAdmin(request.user, 'content'),
  };
  app.get(
    '/api/content/languages',
    {
      schema: {
        operationId: 'listContentLanguages',
        tags,
        security: [],
        summary: 'The languages of the language switcher, with how many texts each is missing',
        response: { 200: z.array(Language) },
      },
    },
    async () => contentLanguages(ctx),
  );

  app.get(
    '/api/content/messages/:language',
    {
      schema: {
        operationId: 'getContentMessages',
        tags,
        security: [],
        summary: "The web app's words in a language; each missing one is given in the default language",
        params: LanguageParams,
        response: {
          200: z.object({
            language: z.string(),
            fallback: z.string().describe('the default language, used for the missing texts'),
            messages: z.record(z.string(), z.string()),
            missing: z.array(z.string()).describe('keys with no text in this language'),
          }),
          ...problems(400, 404),
        },
      },
    },
    async (request) => {
      const found = appMessages(ctx, request.params.language);
      if (!found) throw notFound(`there is no language "${request.params.language}"`);
      return found;
    },
  );

  app.get(
    '/api/content/entries',
    {
      ...auth,
      schema: {
        operationId: 'listContentEntries',
        tags,
        summary: 'Texts of the app and the forms in a language, by key or words, or only the missing ones',
        querystring: z.object({
          language: LanguageCode,
          q: z.string().trim().min(1).max(100).optional(),
          missing: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: {
          200: z.object({
            total: z.number().int(),
            entries: z.array(
              z.object({
                key: z.string(),
                where: z.string().describe('where the text is used: app:<part> or form:<event>'),
                reference: z.string().describe('the text in the default language'),
                text: z.string().nullable(),
                changed: z.boolean(),
              }),
            ),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) =>
      contentEntries(ctx, request.user, { ...request.query, missing: request.query.missing === 'true' }),
  );

  app.put(
    '/api/content/:language',
    {
      ...auth,
      schema: {
        operationId: 'updateContent',
        tags,
        summary: 'Change texts of a language (null puts the built-in text back), or add a language',
        description:
          'App texts are ICU messages and may only use the placeholders of the default language text; a broken ' +
          'one is refused (400) with its key named, and nothing is saved. In force at once on every server copy.',
        params: LanguageParams,
        body: z.object({
          name: Name,
          messages: z
            .record(MessageKey, z.string().min(1).max(4000).nullable())
            .refine((m) => Object.keys(m).length > 0, 'give at least one text'),
          reason: Reason,
        }),
        response: { 200: Language, ...problems(400, 401, 403, 409) },
      },
    },
    async (request) => saveContent(ctx, request.user, request.params.language, request.body),
  );

  app.post(
    '/api/content/:language/upload',
    {
      ...auth,
      schema: {
        operationId: 'uploadContent',
        tags,
        summary: 'Add or update a language from a translation file (JSON or CSV)',
        description:
          'JSON: an object of key to text (flat or nested). CSV: columns `key` and `text` (or the language code). ' +
          'Checked like PUT: every text refused is named by its key.',
        params: LanguageParams,
        body: z.object({
          name: Name,
          format: z.enum(['json', 'csv']),
          file: z.string().min(1).max(2_000_000).describe('the content of the file'),
          reason: Reason,
        }),
        response: { 200: Language, ...problems(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const { language } = request.params;
      const { name, format, file, reason } = request.body;
      return saveContent(ctx, request.user, language, {
        name,
        messages: readTranslationFile(format, file, language),
        reason,
      });
    },
  );
}
