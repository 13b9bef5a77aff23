import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withPayments, type PaymentsTable } from './tables.ts';
import type { Insertable } from 'kysely';

export async function nextReceiptSequence(trx: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('payment_receipt_seq')::int AS n`.execute(trx);
  return rows[0].n;
}

export async function insertPayment(trx: Db, row: Insertable<PaymentsTable>): Promise<void> {
  await withPayments(trx).insertInto('payments').values(row).execute();
}

export function receiptOfCertificate(db: Db, certificateId: string) {
  return withPayments(db)
    .selectFrom('payments')
    .select(['receipt_number', 'amount', 'currency'])
    .where('certificate_id', '=', certificateId)
    .executeTakeFirst();
}

export function receiptsOfCertificates(db: Db, certificateIds: string[]) {
  if (certificateIds.length === 0) return Promise.resolve([]);
  return withPayments(db)
    .selectFrom('payments')
    .select(['certificate_id', 'receipt_number'])
    .where('certificate_id', 'in', certificateIds)
    .execute();
}

/**
 * Payments of one calendar day in a time zone (from local midnight to the next), optionally of one office, with
 * the certificate and the user who took them.
 */
export function paymentsOfDay(db: Db, input: { date: string; timeZone: string; officeId: string | null }) {
  const start = sql<Date>`(${input.date}::date)::timestamp AT TIME ZONE ${input.timeZone}`;
  const end = sql<Date>`(${input.date}::date + 1)::timestamp AT TIME ZONE ${input.timeZone}`;
  let query = withPayments(db)
    .withTables<{ certificates: { id: string; registration_number: string; kind: string; event_type: string } }>()
    .selectFrom('payments as p')
    .leftJoin('certificates as c', 'c.id', 'p.certificate_id')
    .leftJoin('users as u', (join) => join.on(sql<boolean>`u.id::text = p.user_id`))
    .select([
      'p.office_id',
      'p.receipt_number',
      'p.created_at',
      'p.amount',
      'p.currency',
      'p.method',
      'p.event_id',
      'p.certificate_id',
      'c.registration_number',
      'c.kind',
      'c.event_type',
      'u.username',
    ])
    .where('p.created_at', '>=', start)
    .where('p.created_at', '<', end);
  if (input.officeId) query = query.where('p.office_id', '=', input.officeId);
  return query.orderBy('p.office_id').orderBy('p.created_at').orderBy('p.receipt_number').execute();
}
