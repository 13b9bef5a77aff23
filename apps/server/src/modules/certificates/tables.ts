import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One printed certificate (migration 0006): append-only, with the content it was printed with. */
export interface CertificatesTable {
  id: string;
  event_id: string;
  action_id: string;
  transaction_id: string;
  template_id: string;
  /** The template's version at the print (migration 0180; 0 = the country package's). */
  template_version: ColumnType<number, number | undefined, number>;
  kind: string;
  event_type: string;
  registration_number: string;
  subject_name: string;
  date_of_event: string | null;
  print_in_advance: boolean;
  printed_by: string;
  printed_at: Timestamp;
  printed_at_location: string | null;
  content: ColumnType<Record<string, unknown>, string, string>;
  jws: string;
}

export type CertificateTables = { certificates: CertificatesTable };

/** The database with this module's tables typed. */
export const withCertificates = (db: Db) => db.withTables<CertificateTables>();
