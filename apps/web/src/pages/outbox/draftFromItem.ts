import { newDraft, type Draft } from '../../forms/drafts.ts';
import type { OutboxItem } from '../../offline/outbox.ts';

/**
 * A refused submission back in the form: a draft with its answers (documents still on the device), the same
 * record (created already, or by the same create id) and the server's reasons by field. The caller saves the
 * draft, then takes the item out of the outbox: nothing is lost in between.
 */
export function draftFromItem(item: OutboxItem): Draft {
  const draft = newDraft(item.username, item.type, item.eventId ?? item.createdEventId);
  if (item.createTransactionId) draft.createTransactionId = item.createTransactionId;
  draft.values = item.declaration ?? {};
  draft.title = item.title;
  draft.problems = item.fieldErrors;
  return draft;
}
