import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A fee taken (migration 0006): append-only; receipt numbers come from a national sequence. */
export interface PaymentsTable {
  id: string;
  event_id: string;
  certificate_id: string | null;
  /** numeric(12,2): read as text, written as a number. */
  amount: ColumnType<string, number, number>;
  currency: string;
  method: string;
  receipt_number: string;
  office_id: string;
  user_id: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
}

export const withPayments = (db: Db) => db.withTables<{ payments: PaymentsTable }>();
