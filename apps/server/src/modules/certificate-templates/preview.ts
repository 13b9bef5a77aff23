import { applyAction, fullName, type CertificateTemplate, type EventState } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { contentFromTemplate } from '../certificates/build.ts';
import { calendarDate, dateInWords, type CertificateContent } from '../certificates/content.ts';
import { renderCertificatePdf } from '../certificates/pdf.ts';
import { NOT_VALID, stamp } from '../certificates/preview.ts';
import { mustLoad, requireCertificateAccess } from '../certificates/service.ts';
import { requireConfigAdmin } from '../settings/service.ts';
import { sampleState } from './sample.ts';
import { checkTemplate, templateInForce } from './service.ts';

/**
 * A template (the one in force, or a draft being edited) drawn as a stamped PDF: with a made-up record, or with
 * a real registered record when the caller may read it (then audited on the record as a read of personal data).
 * Nothing else is recorded; a draft is checked as a save would check it (400 naming the problem).
 */
export async function templatePreview(
  ctx: AppContext,
  user: AuthUser,
  id: string,
  input: { template?: CertificateTemplate; eventId?: string },
  ip: string,
): Promise<Uint8Array> {
  requireConfigAdmin(user, 'certificate templates');
  const inForce = templateInForce(ctx, id);
  const template = input.template ?? inForce;
  if (input.template) await checkTemplate(ctx, id, input.template);
  const event = ctx.country.events.get(template.event)!;
  let state: EventState;
  if (input.eventId) {
    const doc = await mustLoad(ctx.db, input.eventId);
    requireCertificateAccess(ctx, user, doc);
    if (doc.type !== template.event) {
      throw badRequest(`record ${input.eventId} is a ${doc.type} record, not ${template.event}`, [
        { field: 'eventId', message: `must be a ${template.event} record` },
      ]);
    }
    if (doc.status !== 'REGISTERED') throw conflict('only a registered record has a certificate to preview');
    state = doc.actions.reduce<EventState | null>(applyAction, null)!;
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, {
        stream: `event:${doc.id}`,
        actorId: user.id,
        actorRole: user.role,
        action: 'certificate.TEMPLATE_PREVIEW',
        subjectType: 'event',
        subjectId: doc.id,
        ip,
        details: { templateId: id, subject: fullName(state.declaration[event.titleField]) },
      }),
    );
  } else {
    state = sampleState(ctx.country, event);
  }
  const now = new Date();
  const fromTemplate = contentFromTemplate(ctx, event, state, template);
  const content: CertificateContent = {
    ...fromTemplate,
    certificateId: 'PREVIEW',
    registrationNumber: state.registrationNumber ?? '',
    certification: {
      office: ctx.country.locations.get(user.primaryOfficeId)?.name ?? user.primaryOfficeId,
      date: dateInWords(fromTemplate.languages, calendarDate(ctx.country, now)),
    },
    registrar: { name: 'Registrar', keyId: '-' },
    verifyUrl: NOT_VALID,
    qrText: NOT_VALID,
    printedAt: now.toISOString(),
  };
  return stamp(await renderCertificatePdf(content));
}
