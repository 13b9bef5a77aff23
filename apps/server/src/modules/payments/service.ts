import { randomUUID } from 'node:crypto';
import { grantedJurisdiction, todayIn } from '@lifeline/domain';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, forbidden } from '../../lib/errors.ts';
import type { AuthUser } from '../auth/types.ts';
import * as repo from './repository.ts';
import type { PaymentInput } from './schemas.ts';

/** A receipt number such as R2025-0000042: the year and a national sequence (unique across offices and servers). */
export function formatReceiptNumber(year: number, sequence: number): string {
  return `R${year}-${String(sequence).padStart(7, '0')}`;
}

/** Record a payment inside the caller's transaction; returns its receipt number. */
export async function takePayment(
  ctx: AppContext,
  trx: Db,
  input: PaymentInput & { eventId: string; certificateId: string | null; officeId: string; userId: string; at: Date },
): Promise<string> {
  const year = Number(todayIn(ctx.country.config.settings.timeZone, input.at).slice(0, 4));
  const receiptNumber = formatReceiptNumber(year, await repo.nextReceiptSequence(trx));
  await repo.insertPayment(trx, {
    id: randomUUID(),
    event_id: input.eventId,
    certificate_id: input.certificateId,
    amount: input.amount,
    currency: input.currency,
    method: input.method,
    receipt_number: receiptNumber,
    office_id: input.officeId,
    user_id: input.userId,
    created_at: input.at,
  });
  return receiptNumber;
}

export async function receiptNumberOf(db: Db, certificateId: string): Promise<string | null> {
  return (await repo.receiptOfCertificate(db, certificateId))?.receipt_number ?? null;
}

export async function receiptNumbersOf(db: Db, certificateIds: string[]): Promise<Map<string, string>> {
  const rows = await repo.receiptsOfCertificates(db, certificateIds);
  return new Map(rows.map((r) => [r.certificate_id!, r.receipt_number]));
}

const REPORT_SCOPES = ['performance.read', 'record.register'] as const;

/** Which office's payments the caller may see: any with a national scope (null = all), else only their own. */
function reportOffice(ctx: AppContext, user: AuthUser, officeId: string | undefined): string | null {
  const national = REPORT_SCOPES.some((s) => grantedJurisdiction(user.scopes, s) === 'all');
  const any = REPORT_SCOPES.some((s) => grantedJurisdiction(user.scopes, s) !== null);
  if (!any) throw forbidden(`your role (${user.role}) cannot read payment reports`);
  if (officeId && ctx.country.locations.get(officeId)?.type !== 'CRVS_OFFICE') {
    throw badRequest(`"${officeId}" is not an office`, [{ field: 'query.officeId', message: 'unknown office' }]);
  }
  if (national) return officeId ?? null;
  if (officeId && officeId !== user.primaryOfficeId) {
    throw forbidden("you can read your own office's payments only");
  }
  return user.primaryOfficeId;
}

const COLUMNS = [
  'office_id',
  'office_name',
  'receipt_number',
  'paid_at',
  'amount',
  'currency',
  'method',
  'registration_number',
  'event_type',
  'certificate_kind',
  'certificate_id',
  'event_id',
  'collected_by',
];

/** The day's payments per office as CSV (UTF-8, header row, one row per payment, ordered by office then time). */
export async function dailyReport(
  ctx: AppContext,
  user: AuthUser,
  query: { date: string; officeId?: string },
): Promise<string> {
  const officeId = reportOffice(ctx, user, query.officeId);
  const timeZone = ctx.country.config.settings.timeZone;
  const rows = await repo.paymentsOfDay(ctx.db, { date: query.date, timeZone, officeId });
  return stringify(
    rows.map((r) => [
      r.office_id,
      ctx.country.locations.get(r.office_id)?.name ?? '',
      r.receipt_number,
      new Date(r.created_at).toISOString(),
      Number(r.amount).toFixed(2),
      r.currency,
      r.method,
      r.registration_number ?? '',
      r.event_type ?? '',
      r.kind ?? '',
      r.certificate_id ?? '',
      r.event_id,
      r.username ?? '',
    ]),
    { header: true, columns: COLUMNS },
  );
}
