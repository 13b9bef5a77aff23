import { z } from 'zod';
import { FieldId } from './fields.ts';
import { formFields, type EventConfig } from './forms.ts';

/**
 * How the registers of the past come in (`lifeline import`, POST /api/imports): per event type, which CSV column
 * fills which form field, where the original registration's number, date, office and registrar are, and which form
 * rules are relaxed for historical data (fields a legacy register never had). The country package holds it, so a
 * country edits the map, never code.
 */

const Column = z.string().min(1);

/** A form field from one column, or from several (a NAME's parts, an ADDRESS's parts) keyed by part. */
const FieldColumns = z.union([Column, z.record(z.string().min(1), Column)]);

export const ImportEventMap = z.object({
  event: z.string().min(1),
  /** Columns of the original registration. `date` is a calendar date (YYYY-MM-DD); `office` an office id or name. */
  registration: z.object({
    number: Column,
    date: Column,
    office: Column,
    registrar: Column.optional(),
  }),
  /** Form field id -> column(s). */
  fields: z.record(FieldId, FieldColumns),
  /** Per field, legacy codes -> form option values (e.g. `M` -> `male`); values not listed are used as they are. */
  values: z.record(FieldId, z.record(z.string(), z.string())).default({}),
  /** Answers every imported record of this type gets (e.g. the nationality a register took for granted). */
  defaults: z.record(FieldId, z.unknown()).default({}),
  /** The relaxed rules for historical data. */
  relaxed: z
    .object({
      /** Required by the form for new declarations, optional here (the legacy register did not record them). */
      notRequired: z.array(FieldId).default([]),
      /** Neither required nor checked by the form's own rules (a value is still kept when given). */
      unchecked: z.array(FieldId).default([]),
    })
    .default({ notRequired: [], unchecked: [] }),
});
export type ImportEventMap = z.infer<typeof ImportEventMap>;

export const ImportConfig = z.object({ events: z.array(ImportEventMap).default([]) });
export type ImportConfig = z.infer<typeof ImportConfig>;

/** Problems of an import map against the event's form: unknown fields, relaxed fields not on the form. */
export function checkImportMap(map: ImportEventMap, event: EventConfig): { field: string; problem: string } | null {
  const known = new Set(formFields(event).map(({ field }) => field.id));
  const named: Array<[string, string]> = [
    ...Object.keys(map.fields).map((f) => [`fields.${f}`, f] as [string, string]),
    ...Object.keys(map.values).map((f) => [`values.${f}`, f] as [string, string]),
    ...Object.keys(map.defaults).map((f) => [`defaults.${f}`, f] as [string, string]),
    ...map.relaxed.notRequired.map((f) => [`relaxed.notRequired`, f] as [string, string]),
    ...map.relaxed.unchecked.map((f) => [`relaxed.unchecked`, f] as [string, string]),
  ];
  for (const [where, field] of named) {
    if (!known.has(field)) return { field: where, problem: `the ${event.id} form has no field "${field}"` };
  }
  return null;
}

/** Every column an import map reads, in the order a template CSV lists them. */
export function importColumns(map: ImportEventMap): string[] {
  const columns = [map.registration.number, map.registration.date, map.registration.office];
  if (map.registration.registrar) columns.push(map.registration.registrar);
  for (const spec of Object.values(map.fields)) {
    if (typeof spec === 'string') columns.push(spec);
    else columns.push(...Object.values(spec));
  }
  return [...new Set(columns)];
}

export const IMPORT_FORMATS = ['csv', 'fhir'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportStatus = z.enum(['running', 'done', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** An import as the API shows it (GET /api/imports/{id}): progress while it runs, totals once done. */
export const ImportView = z.object({
  id: z.uuid(),
  eventType: z.string(),
  format: ImportFormat,
  fileName: z.string(),
  /** SHA-256 of the file: the same file imported again is the same import. */
  sha256: z.string(),
  status: ImportStatus,
  /** Data rows read so far (the file's rows once done). */
  rows: z.number().int(),
  /** Records written (by this and earlier runs of the same file). */
  imported: z.number().int(),
  /** Rows refused (each with its reasons in the report). */
  refused: z.number().int(),
  /** Rows found already imported by an earlier run (nothing written for them). */
  skipped: z.number().int(),
  /**
   * Imported rows the country's duplicate rules matched with another record (the register's, or an earlier row's):
   * imported all the same and listed for review (getImportReport with kind=duplicates). 0 when the import ran
   * without the rules (the default; `--duplicates rules`).
   */
  possibleDuplicates: z.number().int(),
  /** Size of the file in bytes, and how far the reading got. */
  bytes: z.number().int(),
  bytesRead: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportView>;

/** One refused row of the report (CSV: row,registration_number,reasons). */
export interface ImportRefusal {
  row: number;
  registrationNumber: string | null;
  reasons: string[];
}

/** A page of imports (GET /api/imports), newest first. */
export const ImportPage = z.object({ results: z.array(ImportView), total: z.number().int() });
export type ImportPage = z.infer<typeof ImportPage>;
