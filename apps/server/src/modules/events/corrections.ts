import {
  type ActionType,
  checkCollector,
  CorrectionAnnotation,
  type EventConfig,
  type EventState,
  type FieldError,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { AuthUser } from '../auth/types.ts';
import { takePayment } from '../payments/index.ts';
import type { ActionExtension } from './service.ts';

/** The actions that may carry a correction request (a registrar's APPROVE_CORRECTION may be one step). */
export const CORRECTION_REQUESTS = new Set<ActionType>(['REQUEST_CORRECTION', 'APPROVE_CORRECTION']);

type FindFile = (path: string) => { contentType: string } | undefined;

/**
 * The checks of a correction request's record of who, why and with what evidence that need the country and the
 * record (its shape was checked by the annotation schema): a reason of the event's list, with free text where the
 * reason asks for it; a requester on the record showing the ID the record holds (as when a certificate is
 * collected), or someone else with name, ID and relationship; documents that were uploaded; the configured fee.
 */
export function checkCorrectionRequest(
  ctx: AppContext,
  config: EventConfig,
  state: EventState,
  annotation: unknown,
  findFile?: FindFile,
): FieldError[] {
  const parsed = CorrectionAnnotation.safeParse(annotation);
  if (!parsed.success) return []; // reported by the annotation schema check
  const { requester, reason, documents, payment } = parsed.data;
  const errors: FieldError[] = [];
  const reasons = config.corrections?.reasons;
  const chosen = reasons?.find((r) => r.id === reason.type);
  if (reasons && !chosen) {
    errors.push({ field: 'annotation.reason.type', message: `must be one of ${reasons.map((r) => r.id).join(', ')}` });
  }
  if (chosen?.requiresDetail && !reason.detail) {
    errors.push({ field: 'annotation.reason.detail', message: `required for ${chosen.id}: say what the reason is` });
  }
  const { identityVerified, ...person } = requester;
  errors.push(
    ...checkCollector(person, identityVerified, state.declaration, {
      printInAdvanceAllowed: false,
      at: 'annotation.requester',
      identityField: 'annotation.requester.identityVerified',
      who: 'requester',
    }),
  );
  documents?.forEach((doc, i) => {
    if (!findFile) return;
    const stored = findFile(doc.path);
    if (!stored) {
      errors.push({ field: `annotation.documents.${i}.path`, message: 'no uploaded file has this path' });
    } else if (stored.contentType !== doc.type) {
      errors.push({ field: `annotation.documents.${i}.type`, message: `the uploaded file is ${stored.contentType}` });
    }
  });
  errors.push(...checkFee(ctx, config, payment));
  return errors;
}

function checkFee(ctx: AppContext, config: EventConfig, payment: CorrectionAnnotation['payment']): FieldError[] {
  const fee = config.corrections?.fee ?? 0;
  const currency = ctx.country.config.settings.currency.code;
  if (fee === 0) {
    return payment && payment.amount !== 0
      ? [{ field: 'annotation.payment.amount', message: 'a correction of this record is free' }]
      : [];
  }
  if (!payment) return [{ field: 'annotation.payment', message: `the correction fee is ${fee} ${currency}` }];
  const errors: FieldError[] = [];
  if (Math.round(payment.amount * 100) !== Math.round(fee * 100)) {
    errors.push({ field: 'annotation.payment.amount', message: `must be ${fee}` });
  }
  if (payment.currency !== currency)
    errors.push({ field: 'annotation.payment.currency', message: `must be ${currency}` });
  return errors;
}

/** The reason kept in the action's content when the request gives it only in its annotation: "Label: detail". */
export function correctionReasonText(config: EventConfig, annotation: unknown, language: string): string | null {
  const parsed = CorrectionAnnotation.safeParse(annotation);
  if (!parsed.success) return null;
  const { type, detail } = parsed.data.reason;
  const label = config.corrections?.reasons.find((r) => r.id === type)?.label[language] ?? type;
  return detail ? `${label}: ${detail}` : label;
}

/**
 * The fee of a correction request, taken in the record's transaction (the same way a certificate's is): a receipt
 * number goes into the request's content. Runs after every check of the request (see ActionExtension).
 */
export function correctionPayment(ctx: AppContext, user: AuthUser, type: ActionType): ActionExtension {
  return {
    type,
    async beforeWrite(trx, planned, record) {
      const request = planned.find((p) => p.action.type === 'REQUEST_CORRECTION')?.action;
      const payment = request && CorrectionAnnotation.safeParse(request.annotation).data?.payment;
      if (!request || !payment || payment.amount === 0) return;
      const receiptNumber = await takePayment(ctx, trx, {
        ...payment,
        eventId: record.id,
        certificateId: null,
        officeId: user.primaryOfficeId,
        userId: user.id,
        at: new Date(request.createdAt),
      });
      request.content = { ...request.content, receiptNumber };
    },
  };
}
