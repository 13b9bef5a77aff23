import type { ColumnType, Insertable } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * One row per registered record (migration 0050): what the statistics count, written in the same statement as the
 * record's projection, so counts can never drift from the register. Revoked registrations keep their row, marked.
 */
export interface RegistrationFactsTable {
  event_id: string;
  event_type: string;
  /** Calendar day of registration in the country's time zone. */
  registered_on: ColumnType<string, string, string>;
  event_date: ColumnType<string | null, string | null, string | null>;
  /** The administrative areas of the place of the event, by level (1 = province...). */
  area1: string | null;
  area2: string | null;
  area3: string | null;
  area4: string | null;
  office_id: string | null;
  registrar_id: string | null;
  sex: string;
  timeliness: string;
  place_type: string;
  age_group: string | null;
  mother_age_group: string | null;
  subject_age: number | null;
  mother_age: number | null;
  birth_weight: number | null;
  cause_chapter: string | null;
  /** Days from the event to the day of registration. */
  days_to_register: number | null;
  /** Days (with fractions) from the first declaration to the registration. */
  declaration_days: number | null;
  quality: string[];
  revoked: boolean;
}

export type FactsWrite = Insertable<RegistrationFactsTable>;

/** Area columns by level; deeper levels count under their level-4 ancestor. */
export const AREA_LEVELS = 4;
export const areaColumn = (level: number) => `area${Math.min(Math.max(level, 1), AREA_LEVELS)}` as const;

export type StatisticsTables = { registration_facts: RegistrationFactsTable };
export const withFacts = (db: Db) => db.withTables<StatisticsTables>();
