import { FAMILY_MESSAGE_ON, fullName, textIn, type Action } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { QueuedJob, RecordChange, RecordJobSource } from '../events/changes.ts';
import { configuredChannels } from '../notifications/index.ts';
import { FAMILY_MESSAGE_JOB, FAMILY_MAX_ATTEMPTS, type FamilyMessagePayload } from './job.ts';
import { familyMessageInsert } from './repository.ts';

/** The informant's addresses, as the form asks for them. */
const PHONE_FIELD = 'informant.phoneNo';
const EMAIL_FIELD = 'informant.email';
/** The language the informant chose for messages (an optional SELECT of the country's languages). */
const LANGUAGE_FIELD = 'informant.language';

/** The message of a change: the last of its actions that sends one (a direct registration sends "registered"). */
function messageOf(actions: readonly Action[]) {
  for (let i = actions.length - 1; i >= 0; i--) {
    const id = FAMILY_MESSAGE_ON[actions[i].type];
    if (id && actions[i].status === 'Accepted') return { id, action: actions[i] };
  }
  return null;
}

/**
 * Queues the informant's SMS and email when their record moves on (declared, registered, rejected, certificate
 * printed, correction approved), written by the record's own statement: the message goes if and only if the change
 * commits. Switched-off messages and informants without an address get nothing.
 */
export function familyMessageJobs(ctx: AppContext): RecordJobSource {
  return (change: RecordChange) => {
    const found = messageOf(change.actions);
    const message = found && ctx.country.config.notifications?.families?.[found.id];
    if (!found || !message?.enabled) return [];
    const event = ctx.country.events.get(change.eventType);
    if (!event) return [];
    const declaration = change.after.declaration;
    // The informant's language when the form asked it and the country speaks it, else the default language.
    const { languages, defaultLanguage } = ctx.country.config.settings;
    const chosen = declaration[LANGUAGE_FIELD];
    const language = typeof chosen === 'string' && languages.includes(chosen) ? chosen : defaultLanguage;
    const values: Record<string, string> = {
      name: fullName(declaration[event.titleField]),
      event: textIn(event.label, language).toLowerCase(),
      trackingId: change.trackingId,
      registrationNumber: change.after.registrationNumber ?? '',
      reason: String(found.action.content?.reason ?? ''),
    };
    const channels = configuredChannels(ctx.env);
    const addresses: Array<{ channel: FamilyMessagePayload['channel']; to: unknown }> = channels.includes('log')
      ? [{ channel: 'log', to: declaration[PHONE_FIELD] ?? declaration[EMAIL_FIELD] }]
      : [
          ...(channels.includes('sms') ? [{ channel: 'sms' as const, to: declaration[PHONE_FIELD] }] : []),
          ...(channels.includes('email') ? [{ channel: 'email' as const, to: declaration[EMAIL_FIELD] }] : []),
        ];
    const jobs: QueuedJob[] = [];
    for (const { channel, to } of addresses) {
      if (typeof to !== 'string' || !to.trim()) continue;
      // The job learns the message row's id as `recordId`.
      const payload: Omit<FamilyMessagePayload, 'recordId'> = { message: found.id, channel, to, language, values };
      jobs.push({
        row: familyMessageInsert({ eventId: change.eventId, message: found.id, channel }),
        key: 'recordId',
        job: { kind: FAMILY_MESSAGE_JOB, payload, maxAttempts: FAMILY_MAX_ATTEMPTS },
      });
    }
    return jobs;
  };
}
