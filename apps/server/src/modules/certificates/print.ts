import { randomBytes } from 'node:crypto';
import {
  checkCollector,
  dateOfEvent as eventDate,
  deriveState,
  fullName,
  transcribedFrom,
  type EventConfig,
  type FieldError,
} from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import type { ActionExtension, PlannedStep } from '../events/index.ts';
import { takePayment } from '../payments/index.ts';
import { signatureOf } from '../users/index.ts';
import { certificateKeys, certificateQrUrl, signCertificatePayload, verifyPageUrl } from '../verify/index.ts';
import { stateDifferences } from './log-check.ts';
import { contentFromTemplate } from './build.ts';
import { calendarDate, dateInWords, type CertificateContent } from './content.ts';
import { certificateConfig, quotePrint, sameAmount } from './fees.ts';
import * as repo from './repository.ts';
import type { IssueBody, PrintAnnotation, PrintBody } from './schemas.ts';

type RecordInfo = Parameters<ActionExtension['beforeWrite']>[2];

function stepOf(planned: PlannedStep[], type: string): PlannedStep {
  const step = planned.find((p) => p.action.type === type);
  if (!step) throw new Error(`no ${type} step planned`);
  return step;
}

function fail(what: string, errors: FieldError[]): never {
  const n = errors.length;
  throw badRequest(
    `the ${what} has ${n} problem${n === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`,
    errors,
  );
}

/** A certificate id: 128 random bits, URL-safe (22 characters). */
export const newCertificateId = () => randomBytes(16).toString('base64url');

function eventConfigOf(ctx: AppContext, type: string): EventConfig {
  const event = ctx.country.events.get(type);
  if (!event) throw new Error(`unknown event type ${type}`);
  return event;
}

/** The checks of a print request that need the record: collector, template and fee. */
async function checkPrint(ctx: AppContext, trx: Db, record: RecordInfo, annotation: PrintAnnotation | undefined) {
  if (!annotation)
    fail('print request', [{ field: 'annotation', message: 'say who collects, the ID check and the payment' }]);
  const event = eventConfigOf(ctx, record.type);
  const previous = await repo.countPrints(trx, record.id);
  const quote = quotePrint(ctx.country, event, record.state, previous);
  const errors = checkCollector(annotation.collector, annotation.identityVerified ?? false, record.state.declaration, {
    printInAdvanceAllowed: true,
  });
  if (annotation.templateId && annotation.templateId !== quote.templateId) {
    errors.push({
      field: 'annotation.templateId',
      message: `must be ${quote.templateId}: the first print is the certificate, later prints are certified copies`,
    });
  }
  const { payment } = annotation;
  if (payment.currency !== quote.fee.currency) {
    errors.push({ field: 'annotation.payment.currency', message: `must be ${quote.fee.currency}` });
  }
  if (!sameAmount(payment.amount, quote.fee.amount)) {
    const why =
      quote.kind === 'CERTIFIED_COPY'
        ? 'certified copy'
        : `${quote.timeliness.toLowerCase().replace('_', ' ')} registration`;
    errors.push({
      field: 'annotation.payment.amount',
      message: `must be ${quote.fee.amount} ${quote.fee.currency} (the fee for a ${why})`,
    });
  }
  if (errors.length) fail('print request', errors);
  return { event, quote, annotation };
}

/**
 * PRINT_CERTIFICATE, inside the record's transaction: check collector and payment, then write the certificate
 * (content, signed QR payload) and the payment, and put their ids in the action's content.
 */
export function printExtension(ctx: AppContext, user: AuthUser, body: PrintBody): ActionExtension {
  return {
    type: 'PRINT_CERTIFICATE',
    async beforeWrite(trx, planned, record) {
      // Checked first (the collector is checked against this state too). Printed from the action log's state, never the projection's alone: a forged event_index row stops here.
      const actions = await repo.actionsOf(trx, record.id);
      const forged = stateDifferences(record.state, deriveState(actions));
      if (forged.length) {
        throw conflict(
          `the record's current state does not match its action log (${forged.join(', ')}): ` +
            'nothing is printed; the registry must run `lifeline verify-log`',
        );
      }
      const { event, quote, annotation } = await checkPrint(ctx, trx, record, body.annotation);
      const step = stepOf(planned, 'PRINT_CERTIFICATE');
      const config = certificateConfig(ctx.country);
      const template = config.templates.find((t) => t.id === quote.templateId)!;
      const at = new Date(step.action.createdAt);
      const id = newCertificateId();
      const registrationNumber = record.state.registrationNumber ?? '';
      const subjectName = fullName(record.state.declaration[event.titleField]);
      const dateOfEvent = eventDate(event, record.state.declaration);
      const jws = await signCertificatePayload(ctx, {
        cid: id,
        rn: registrationNumber,
        t: event.id,
        n: subjectName,
        d: dateOfEvent,
        iat: Math.floor(at.getTime() / 1000),
      });
      const registrar = await repo.registrarOf(trx, record.id);
      // The signature the registrar had when they registered the record, not whatever they have now.
      const signature = registrar?.user_id
        ? await signatureOf({ db: trx }, registrar.user_id, new Date(registrar.created_at))
        : null;
      const fromTemplate = contentFromTemplate(ctx, event, record.state, template, undefined, {
        transcribedFrom: transcribedFrom(actions),
      });
      const { languages } = fromTemplate;
      const content: CertificateContent = {
        ...fromTemplate,
        certificateId: id,
        registrationNumber,
        certification: {
          office: ctx.country.locations.get(user.primaryOfficeId)?.name ?? user.primaryOfficeId,
          date: dateInWords(languages, calendarDate(ctx.country, at)),
        },
        registrar: {
          name: [registrar?.firstname, registrar?.surname].filter(Boolean).join(' ') || (registrar?.created_by ?? ''),
          keyId: (await certificateKeys(ctx)).kid,
          ...(signature ? { signatureFileId: signature } : {}),
        },
        verifyUrl: verifyPageUrl(ctx, id),
        qrText: certificateQrUrl(ctx, id, jws),
        printedAt: at.toISOString(),
      };
      const printInAdvance = annotation.collector.type === 'PRINT_IN_ADVANCE';
      await repo.insertCertificate(trx, {
        id,
        event_id: record.id,
        action_id: step.action.id,
        transaction_id: step.action.transactionId,
        template_id: template.id,
        template_version: fromTemplate.templateVersion,
        kind: template.kind,
        event_type: event.id,
        registration_number: registrationNumber,
        subject_name: subjectName,
        date_of_event: dateOfEvent,
        print_in_advance: printInAdvance,
        printed_by: user.id,
        printed_at: at,
        printed_at_location: user.primaryOfficeId,
        content: JSON.stringify(content),
        jws,
      });
      const receiptNumber = await takePayment(ctx, trx, {
        ...annotation.payment,
        eventId: record.id,
        certificateId: id,
        officeId: user.primaryOfficeId,
        userId: user.id,
        at,
      });
      step.action.content = {
        certificateId: id,
        templateId: template.id,
        fee: quote.fee.amount,
        currency: quote.fee.currency,
        receiptNumber,
      };
      if (printInAdvance) step.action.annotation = { ...step.action.annotation, printInAdvance: true };
    },
  };
}

/** ISSUE_CERTIFICATE: hand over a certificate printed in advance, after checking who collects it. */
export function issueExtension(ctx: AppContext, body: IssueBody): ActionExtension {
  return {
    type: 'ISSUE_CERTIFICATE',
    async beforeWrite(trx, planned, record) {
      const annotation = body.annotation;
      if (!annotation) fail('hand-over', [{ field: 'annotation', message: 'say who collects and the ID check' }]);
      const errors = checkCollector(annotation.collector, annotation.identityVerified, record.state.declaration, {
        printInAdvanceAllowed: false,
      });
      if (errors.length) fail('hand-over', errors);
      const issued = await repo.issuedCertificateIds(trx, record.id);
      const waiting = (await repo.certificatesOfEvent(trx, record.id)).filter(
        (c) => c.print_in_advance && !issued.has(c.id),
      );
      const chosen = annotation.certificateId ? waiting.find((c) => c.id === annotation.certificateId) : waiting[0];
      if (!chosen) {
        throw conflict(
          annotation.certificateId
            ? `certificate ${annotation.certificateId} is not waiting to be handed over`
            : 'no certificate printed in advance is waiting to be handed over',
        );
      }
      const step = stepOf(planned, 'ISSUE_CERTIFICATE');
      step.action.content = { certificateId: chosen.id };
    },
  };
}
