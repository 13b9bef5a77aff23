import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../lib/errors.ts';
import { requireRead } from '../access/index.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { loadDocument, performAction, type EventDocument } from '../events/index.ts';
import { receiptNumberOf, receiptNumbersOf } from '../payments/index.ts';
import { certificateQrUrl } from '../verify/index.ts';
import type { CertificateContent } from './content.ts';
import { quotePrint } from './fees.ts';
import { differencesFromLog } from './log-check.ts';
import { loadFile } from '../files/service.ts';
import { renderCertificatePdf } from './pdf.ts';
import { issueExtension, printExtension } from './print.ts';
import * as repo from './repository.ts';
import type { CertificateRef, CertificateSummary, IssueBody, PrintBody } from './schemas.ts';

export const pdfUrl = (id: string) => `/api/certificates/${id}.pdf`;

function refOf(ctx: AppContext, row: repo.CertificateRow, receiptNumber: string | null): CertificateRef {
  return { id: row.id, pdfUrl: pdfUrl(row.id), verifyUrl: certificateQrUrl(ctx, row.id, row.jws), receiptNumber };
}

/** The certificate an action of the record (found by type and transactionId) printed or handed over. */
async function certificateOfAction(ctx: AppContext, doc: EventDocument, type: string, transactionId: string) {
  const action = doc.actions.find((a) => a.type === type && a.transactionId === transactionId);
  const id = action?.content?.certificateId;
  const row = typeof id === 'string' ? await repo.findCertificate(ctx.db, id) : undefined;
  return row ? refOf(ctx, row, await receiptNumberOf(ctx.db, row.id)) : null;
}

/** Print a certificate (or certified copy): one transaction for the action, the certificate and the payment. */
export async function printCertificate(ctx: AppContext, user: AuthUser, eventId: string, body: PrintBody) {
  const doc = await performAction(ctx, user, eventId, 'PRINT_CERTIFICATE', body, printExtension(ctx, user, body));
  return { ...doc, certificate: await certificateOfAction(ctx, doc, 'PRINT_CERTIFICATE', body.transactionId) };
}

/** Hand over a certificate printed in advance. */
export async function issueCertificate(ctx: AppContext, user: AuthUser, eventId: string, body: IssueBody) {
  const doc = await performAction(ctx, user, eventId, 'ISSUE_CERTIFICATE', body, issueExtension(ctx, body));
  return { ...doc, certificate: await certificateOfAction(ctx, doc, 'ISSUE_CERTIFICATE', body.transactionId) };
}

/** Certificates are the record's personal data: the access rule of the record decides (modules/access). */
export function requireCertificateAccess(ctx: AppContext, user: AuthUser, doc: EventDocument) {
  requireRead(ctx.country, user, {
    type: doc.type,
    createdBy: doc.createdBy,
    status: doc.status,
    createdAtLocation: doc.createdAtLocation,
    placeOfEvent: doc.placeOfEvent,
  });
}

export async function mustLoad(db: Db, eventId: string): Promise<EventDocument> {
  const doc = await loadDocument(db, eventId);
  if (!doc) throw notFound(`no record ${eventId}`);
  return doc;
}

/** The PDF of a certificate, drawn from what was printed; every download is logged on the record. */
export async function certificatePdf(ctx: AppContext, user: AuthUser, id: string, ip: string): Promise<Uint8Array> {
  const row = await repo.findCertificate(ctx.db, id);
  if (!row) throw notFound(`no certificate ${id}`);
  requireCertificateAccess(ctx, user, await mustLoad(ctx.db, row.event_id));
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `event:${row.event_id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'certificate.PDF',
      subjectType: 'certificate',
      subjectId: id,
      ip,
    }),
  );
  const content = row.content as unknown as CertificateContent;
  const signature = content.registrar.signatureFileId
    ? await loadFile(ctx.db, content.registrar.signatureFileId)
    : undefined;
  return renderCertificatePdf(content, { signature: signature?.data });
}

/** A record's certificates, and what the next print would be and cost. */
export async function certificatesOfRecord(ctx: AppContext, user: AuthUser, eventId: string) {
  const doc = await mustLoad(ctx.db, eventId);
  requireCertificateAccess(ctx, user, doc);
  const rows = await repo.certificatesOfEvent(ctx.db, eventId);
  const [issued, receipts, prints] = await Promise.all([
    repo.issuedCertificateIds(ctx.db, eventId),
    receiptNumbersOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
    repo.countPrints(ctx.db, eventId),
  ]);
  const event = ctx.country.events.get(doc.type);
  const printable = doc.status === 'REGISTERED' && !!event && !!ctx.country.config.certificates;
  const standing = standingIn(doc);
  const registeredAt = doc.actions.findLast((a) => a.type === 'REGISTER' && a.status === 'Accepted')?.createdAt ?? null;
  return {
    next: printable ? quotePrint(ctx.country, event, { declaration: doc.declaration, registeredAt }, prints) : null,
    certificates: rows.map((r): CertificateSummary => ({
      ...refOf(ctx, r, receipts.get(r.id) ?? null),
      templateId: r.template_id,
      kind: r.kind as CertificateSummary['kind'],
      printedAt: new Date(r.printed_at).toISOString(),
      printedBy: r.printed_by,
      printInAdvance: r.print_in_advance,
      issued: !r.print_in_advance || issued.has(r.id),
      standing: standing(r.action_id),
    })),
  };
}

/**
 * What became of a record's certificates since they were printed, as public verification says it: REVOKED while
 * the registration is revoked, SUPERSEDED once a correction was approved after the print, else VALID.
 */
function standingIn(doc: EventDocument) {
  const lastCorrection = doc.actions.findLastIndex((a) => a.type === 'APPROVE_CORRECTION' && a.status === 'Accepted');
  return (printActionId: string): CertificateSummary['standing'] => {
    if (doc.flags.includes('revoked')) return 'REVOKED';
    return doc.actions.findIndex((a) => a.id === printActionId) < lastCorrection ? 'SUPERSEDED' : 'VALID';
  };
}

/**
 * A certificate and what became of its record since it was printed (for public verification), and which of its
 * facts differ from the record's action log as it stood at the print (empty unless the data was tampered with).
 */
export async function certificateForVerification(ctx: Pick<AppContext, 'db' | 'country'>, id: string) {
  const row = await repo.findCertificate(ctx.db, id);
  if (!row) return null;
  const differsFromLog = differencesFromLog(ctx.country, row, await repo.actionsOf(ctx.db, row.event_id));
  return { certificate: row, standing: await repo.certificateStanding(ctx.db, row), differsFromLog };
}
