import { z } from 'zod';
import type { ActionType } from './actions.ts';
import { fillTemplate, placeholdersOf } from './notifications.ts';
import { Text } from './text.ts';

/**
 * Messages to families: SMS and email to the informant (the phone number and email address given in the form) when
 * their record moves on. Each can be switched off, and is written per language with `{{placeholder}}`s.
 */
export const FAMILY_MESSAGES = [
  'declarationReceived',
  'registered',
  'rejected',
  'certificateReady',
  'correctionApproved',
] as const;
export const FamilyMessageId = z.enum(FAMILY_MESSAGES);
export type FamilyMessageId = z.infer<typeof FamilyMessageId>;

const COMMON = ['name', 'event', 'trackingId', 'country'] as const;

/** What each message is given to fill in. */
export const FAMILY_PLACEHOLDERS: Record<FamilyMessageId, readonly string[]> = {
  declarationReceived: COMMON,
  registered: [...COMMON, 'registrationNumber'],
  rejected: [...COMMON, 'reason'],
  certificateReady: [...COMMON, 'registrationNumber'],
  correctionApproved: [...COMMON, 'registrationNumber'],
};

/** Which action of a record sends which message (the last one of a request counts: register, not declare too). */
export const FAMILY_MESSAGE_ON: Partial<Record<ActionType, FamilyMessageId>> = {
  DECLARE: 'declarationReceived',
  REGISTER: 'registered',
  REJECT: 'rejected',
  PRINT_CERTIFICATE: 'certificateReady',
  APPROVE_CORRECTION: 'correctionApproved',
};

// The shape of a staff MessageTemplate, restated: notifications.ts imports this file (no cycle at load time).
export const FamilyMessage = z.object({ enabled: z.boolean(), subject: Text, email: Text, sms: Text });
export type FamilyMessage = z.infer<typeof FamilyMessage>;

export const FamilyMessages = z.object(
  Object.fromEntries(FAMILY_MESSAGES.map((id) => [id, FamilyMessage.optional()])) as Record<
    FamilyMessageId,
    z.ZodOptional<typeof FamilyMessage>
  >,
);
export type FamilyMessages = z.infer<typeof FamilyMessages>;

/** The first problem of the family messages (missing language, unknown placeholder), or null. */
export function familyMessagesProblem(
  messages: FamilyMessages,
  languages: readonly string[],
): { field: string; problem: string } | null {
  for (const id of FAMILY_MESSAGES) {
    const message = messages[id];
    if (!message) continue;
    for (const part of ['subject', 'email', 'sms'] as const) {
      for (const language of languages) {
        const text = message[part][language];
        const field = `${id}.${part}.${language}`;
        if (!text) return { field, problem: `missing the ${language} text` };
        const unknown = placeholdersOf(text).find((p) => !FAMILY_PLACEHOLDERS[id].includes(p));
        if (unknown) return { field, problem: `{{${unknown}}} is not one of ${FAMILY_PLACEHOLDERS[id].join(', ')}` };
      }
    }
  }
  return null;
}

/** Sample values to preview a message with. */
export const FAMILY_SAMPLE: Record<string, string> = {
  name: 'Amani Banda',
  event: 'birth',
  trackingId: 'B7K2M9Q',
  country: 'Farajaland',
  registrationNumber: 'B20260000042',
  reason: 'the mother’s national ID card',
};

export function renderFamilyMessage(message: FamilyMessage, language: string, values: Record<string, string>) {
  const pick = (text: Record<string, string>) => text[language] ?? Object.values(text)[0] ?? '';
  return {
    subject: fillTemplate(pick(message.subject), values),
    email: fillTemplate(pick(message.email), values),
    sms: fillTemplate(pick(message.sms), values),
  };
}
