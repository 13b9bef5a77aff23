import {
  applyAction,
  dateOfEvent as eventDate,
  fullName,
  grantedJurisdiction,
  type EventState,
  transcribedFrom,
} from '@lifeline/domain';
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { AppContext } from '../../context.ts';
import { conflict, forbidden } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { contentFromTemplate } from './build.ts';
import { calendarDate, dateInWords, type CertificateContent } from './content.ts';
import { certificateConfig, quotePrint } from './fees.ts';
import { renderCertificatePdf } from './pdf.ts';
import * as repo from './repository.ts';
import { mustLoad, requireCertificateAccess } from './service.ts';

export const NOT_VALID = 'PREVIEW - NOT A CERTIFICATE';

/** Stamp every page across: a preview printed by mistake is plainly worthless. */
export async function stamp(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = width / 14;
    page.drawText(NOT_VALID, {
      x: width * 0.12,
      y: height * 0.3,
      size,
      font,
      rotate: degrees(45),
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.35,
    });
  }
  return doc.save();
}

/**
 * What the next print of a registered record will look like, before anyone records the print or takes the fee
 * (the reference shows the certificate first, too). Drawn like the real one, stamped as a preview across every
 * page, with no certificate number and no QR code worth scanning. Only roles that print may preview; logged.
 */
export async function certificatePreview(ctx: AppContext, user: AuthUser, eventId: string, ip: string) {
  const doc = await mustLoad(ctx.db, eventId);
  requireCertificateAccess(ctx, user, doc);
  if (grantedJurisdiction(user.scopes, 'record.print-certified-copies', doc.type) === null) {
    throw forbidden(`your role (${user.role}) does not print certificates`);
  }
  const event = ctx.country.events.get(doc.type);
  if (!event || doc.status !== 'REGISTERED') throw conflict('only a registered record has a certificate to preview');
  const state = doc.actions.reduce<EventState | null>(applyAction, null)!;
  const config = certificateConfig(ctx.country);
  const quote = quotePrint(ctx.country, event, state, await repo.countPrints(ctx.db, eventId));
  const template = config.templates.find((t) => t.id === quote.templateId)!;
  const registrar = await repo.registrarOf(ctx.db, eventId);
  const now = new Date();
  const fromTemplate = contentFromTemplate(ctx, event, state, template, undefined, {
    transcribedFrom: transcribedFrom(doc.actions),
  });
  const content: CertificateContent = {
    ...fromTemplate,
    certificateId: 'PREVIEW',
    registrationNumber: state.registrationNumber ?? '',
    certification: {
      office: ctx.country.locations.get(user.primaryOfficeId)?.name ?? user.primaryOfficeId,
      date: dateInWords(fromTemplate.languages, calendarDate(ctx.country, now)),
    },
    registrar: {
      name: [registrar?.firstname, registrar?.surname].filter(Boolean).join(' ') || (registrar?.created_by ?? ''),
      keyId: '-',
    },
    verifyUrl: NOT_VALID,
    qrText: NOT_VALID,
    printedAt: now.toISOString(),
  };
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `event:${eventId}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'certificate.PREVIEW',
      subjectType: 'event',
      subjectId: eventId,
      ip,
      details: {
        templateId: template.id,
        subject: fullName(state.declaration[event.titleField]),
        date: eventDate(event, state.declaration),
      },
    }),
  );
  return stamp(await renderCertificatePdf(content));
}
