import { NetworkError } from '../api/client.ts';
import type { ActionReply, EventDocument } from '../api/types.ts';
import type { OutboxSubmission } from '../offline/outbox.ts';
import type { SubmitAction } from './actions.ts';
import type { Draft } from './drafts.ts';
import { newId } from './ids.ts';

/** What sending needs from the outside world; tests pass stand-ins. */
export interface SubmitDeps {
  api<T>(path: string, options?: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown }): Promise<T>;
  enqueue(submission: OutboxSubmission): Promise<number>;
  saveDraft(draft: Draft): Promise<void>;
  /** Upload the documents kept on the device; the declaration with the server's paths. */
  uploadLocal(declaration: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export type SubmitResult =
  { kind: 'sent'; eventId: string; record: ActionReply } | { kind: 'queued'; eventId?: string };

/** Create the record on the server if it does not exist yet; the create transactionId makes retries safe. */
export async function ensureRecord(draft: Draft, deps: Pick<SubmitDeps, 'api' | 'saveDraft'>): Promise<string> {
  if (draft.eventId) return draft.eventId;
  const created = await deps.api<EventDocument>('/api/events', {
    method: 'POST',
    body: { type: draft.type, transactionId: draft.createTransactionId },
  });
  draft.eventId = created.id;
  await deps.saveDraft(draft);
  return created.id;
}

/**
 * Send a declaration with an action. The ids are written to the draft before the first try, so a retry (by the
 * user, or by the outbox after a lost connection) can never create a second record or record the action twice.
 * Documents kept on the device are uploaded first. Without a connection the submission goes to the outbox, which
 * uploads what is left (resuming) and sends it; server refusals (ApiError) are thrown to the form.
 */
export async function submitDeclaration(
  draft: Draft,
  action: SubmitAction,
  declaration: Record<string, unknown>,
  deps: SubmitDeps,
): Promise<SubmitResult> {
  const transactionId = (draft.transactionIds[action] ??= newId());
  await deps.saveDraft(draft);
  try {
    const uploaded = await deps.uploadLocal(declaration);
    const eventId = await ensureRecord(draft, deps);
    const record = await deps.api<ActionReply>(`/api/events/${eventId}/actions/${action}`, {
      method: 'POST',
      body: { transactionId, declaration: uploaded },
    });
    return { kind: 'sent', eventId, record };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    await deps.enqueue({
      ...(draft.eventId ? { eventId: draft.eventId } : {}),
      createTransactionId: draft.createTransactionId,
      type: draft.type,
      action,
      transactionId,
      declaration,
      ...(draft.title ? { title: draft.title } : {}),
    });
    return { kind: 'queued', eventId: draft.eventId };
  }
}

/** A record's title from its title field (a NAME): "Chanda Grace Mulenga". */
export function titleOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const n = value as Record<string, unknown>;
  const text = [n.firstname, n.middlename, n.surname].filter((p) => typeof p === 'string' && p.trim()).join(' ');
  return text || undefined;
}
