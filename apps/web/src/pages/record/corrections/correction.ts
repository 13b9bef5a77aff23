import { deriveState, formFields, type Action, type EventConfig, type FieldConfig } from '@lifeline/domain';
import { collectorBody, type CollectorForm } from '../certificates/collector.ts';

/** One corrected answer: the field, the answer on the record and the corrected one. */
export interface Change {
  field: FieldConfig;
  before: unknown;
  after: unknown;
}

/** The changes a correction action made (or proposes), against the record as it was just before it. */
export function changesOf(eventConfig: EventConfig, actions: readonly Action[], index: number): Change[] {
  const action = actions[index];
  const before = deriveState(actions.slice(0, index))?.declaration ?? {};
  const fields = new Map(formFields(eventConfig).map(({ field }) => [field.id, field]));
  return Object.entries(action.declaration ?? {}).flatMap(([id, after]) => {
    const field = fields.get(id);
    return field ? [{ field, before: before[id], after }] : [];
  });
}

/** The pending correction request of a record: the last REQUEST_CORRECTION, with its index in the history. */
export function pendingRequest(actions: readonly Action[]): { action: Action; index: number } | null {
  const index = actions.findLastIndex((a) => a.type === 'REQUEST_CORRECTION');
  return index < 0 ? null : { action: actions[index], index };
}

export interface CorrectionForm {
  requester: CollectorForm;
  reasonType: string;
  reasonDetail: string;
  documents: Array<{ path: string; originalFilename: string; type: string; option?: string }>;
  paymentMethod: string;
}

/** The annotation the API takes for the request: who asks, why, the evidence and the fee paid. */
export function correctionAnnotation(form: CorrectionForm, fee: number, currency: string) {
  const { type, idType, idNumber, name, relationship } = collectorBody(form.requester) as Record<string, unknown>;
  return {
    requester: {
      type,
      ...(idType ? { idType } : {}),
      ...(idNumber ? { idNumber } : {}),
      ...(name ? { name } : {}),
      ...(relationship ? { relationship } : {}),
      identityVerified: form.requester.identityVerified,
    },
    reason: { type: form.reasonType, ...(form.reasonDetail.trim() ? { detail: form.reasonDetail.trim() } : {}) },
    ...(form.documents.length ? { documents: form.documents } : {}),
    ...(fee > 0 ? { payment: { amount: fee, currency, method: form.paymentMethod } } : {}),
  };
}
