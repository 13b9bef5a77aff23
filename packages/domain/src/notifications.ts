import { z } from 'zod';
import { FamilyMessages, familyMessagesProblem } from './family-messages.ts';
import { Text } from './text.ts';

/** One message in every language: the email's subject and body, and the SMS (kept short: one or two SMS). */
export const MessageTemplate = z.object({
  subject: Text,
  email: Text,
  sms: Text,
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/**
 * The messages Lifeline sends to staff. Placeholders in double braces, e.g. `{{code}}`; each template may use the
 * placeholders listed in TEMPLATE_PLACEHOLDERS and no others (checked when the config loads).
 */
export const NotificationTemplates = z.object({
  loginCode: MessageTemplate,
  invitation: MessageTemplate,
  passwordReset: MessageTemplate,
  usernameReminder: MessageTemplate,
  /** Messages to families about their records (see family-messages.ts); absent = none are sent. */
  families: FamilyMessages.optional(),
});
export type NotificationTemplates = z.infer<typeof NotificationTemplates>;
export type TemplateId = Exclude<keyof NotificationTemplates, 'families'>;

const COMMON = ['firstname', 'surname', 'username', 'country'] as const;

/** What each template is given to fill in. */
export const TEMPLATE_PLACEHOLDERS: Record<TemplateId, readonly string[]> = {
  loginCode: [...COMMON, 'code', 'minutes'],
  invitation: [...COMMON, 'code', 'link', 'hours', 'role', 'office'],
  passwordReset: [...COMMON, 'code', 'link', 'minutes'],
  usernameReminder: [...COMMON, 'usernames'],
};

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Fill `{{name}}` placeholders; an unknown one is left as written (the config check stops those at start). */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}

/** The first problem of a set of templates (unknown placeholder, missing language), or null. */
export function templatesProblem(
  templates: NotificationTemplates,
  languages: readonly string[],
): { field: string; problem: string } | null {
  for (const id of Object.keys(TEMPLATE_PLACEHOLDERS) as TemplateId[]) {
    for (const part of ['subject', 'email', 'sms'] as const) {
      for (const language of languages) {
        const text = templates[id][part][language];
        const field = `${id}.${part}.${language}`;
        if (!text) return { field, problem: `missing the ${language} text` };
        const unknown = placeholdersOf(text).find((p) => !TEMPLATE_PLACEHOLDERS[id].includes(p));
        if (unknown) {
          return { field, problem: `{{${unknown}}} is not one of ${TEMPLATE_PLACEHOLDERS[id].join(', ')}` };
        }
      }
    }
  }
  const families = templates.families && familyMessagesProblem(templates.families, languages);
  return families ? { ...families, field: `families.${families.field}` } : null;
}
