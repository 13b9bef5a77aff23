import { z } from 'zod';
import type { Action } from './actions.ts';

/**
 * Transcription of old paper registers (issue 13, part 5): scanned pages wait in a shared workqueue; a page's entry
 * is typed (twice, by two people, when double entry is on) beside its scan, and becomes a registered record that
 * keeps the original registration number and date, flagged imported from the paper register.
 */

/**
 * `to-transcribe`: nobody has typed it yet; `in-progress`: one entry typed, the second awaited (double entry);
 * `to-resolve`: two entries differ, a registrar picks; `transcribed`: the record exists.
 */
export const PaperPageStatus = z.enum(['to-transcribe', 'in-progress', 'to-resolve', 'transcribed']);
export type PaperPageStatus = z.infer<typeof PaperPageStatus>;

/** Scans a page may be: images, or a PDF (a multi-page PDF becomes one page per PDF page). */
export const PAPER_SCAN_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
/** Largest upload (one image, or one PDF of many pages). */
export const PAPER_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** Most pages one PDF may hold. */
export const PAPER_MAX_PAGES = 200;

/** Where the pages come from, given when they are uploaded (query parameters of the upload). */
export const PaperUploadQuery = z.object({
  type: z.string().min(1).describe('the event type of the register (birth, death...)'),
  register: z.string().max(200).optional().describe('the register\'s name as written on it, e.g. "Ibombo births"'),
  volume: z.string().max(50).optional(),
  page: z.string().max(50).optional().describe('the page label of the first page (numbers go on from it)'),
  office: z.string().max(64).optional().describe("the register's office (a CRVS office id); default: the uploader's"),
  doubleEntry: z
    .enum(['true', 'false'])
    .optional()
    .describe("each page typed by two people independently (default: the country's setting, else true)"),
  filename: z.string().max(255).optional(),
});
export type PaperUploadQuery = z.infer<typeof PaperUploadQuery>;

/** The original registration as written in the register. */
export const PaperRegistration = z.object({
  number: z.string().trim().min(1).max(64),
  date: z.iso.date(),
  registrar: z.string().trim().max(200).nullable().optional(),
});
export type PaperRegistration = z.infer<typeof PaperRegistration>;

/** One person's transcription of a page: the form's answers and the original registration. */
export const PaperEntryBody = z.object({
  declaration: z.record(z.string(), z.unknown()),
  registration: PaperRegistration,
});
export type PaperEntryBody = z.infer<typeof PaperEntryBody>;

/** A field where the two entries differ: `registration.number` etc. for the registration's own fields. */
export const PaperDifference = z.object({
  field: z.string(),
  first: z.unknown(),
  second: z.unknown(),
});
export type PaperDifference = z.infer<typeof PaperDifference>;

export const PaperPageView = z.object({
  id: z.uuid(),
  fileId: z.string(),
  contentType: z.string(),
  eventType: z.string(),
  officeId: z.string(),
  register: z.string().nullable(),
  volume: z.string().nullable(),
  page: z.string().nullable(),
  batchId: z.uuid(),
  position: z.number().int(),
  doubleEntry: z.boolean(),
  status: PaperPageStatus,
  assignedTo: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  /** Who typed the entries so far (user ids), in order. */
  enteredBy: z.array(z.string()),
  /** The record made from the page, once transcribed. */
  eventId: z.uuid().nullable(),
});
export type PaperPageView = z.infer<typeof PaperPageView>;

/** A page with what a registrar needs to resolve it: both entries and their differences. */
export const PaperPageDetail = PaperPageView.extend({
  entries: z.array(
    z.object({ userId: z.string(), declaration: z.record(z.string(), z.unknown()), registration: PaperRegistration }),
  ),
  differences: z.array(PaperDifference),
});
export type PaperPageDetail = z.infer<typeof PaperPageDetail>;

/** What an entry led to: waiting for the second, differences to resolve, or the record. */
export const PaperEntryResult = z.object({
  page: PaperPageView,
  differences: z.array(PaperDifference),
  eventId: z.uuid().nullable(),
});
export type PaperEntryResult = z.infer<typeof PaperEntryResult>;

/** "Ibombo births, vol. 3, p. 12": how a transcribed record names its source (the certificate prints it). */
export function paperSourceLabel(source: { register?: string | null; volume?: string | null; page?: string | null }) {
  return [
    source.register || null,
    source.volume ? `vol. ${source.volume}` : null,
    source.page ? `p. ${source.page}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Where a record was transcribed from (its registration's `content.imported` of source `paper`), else null. */
export function transcribedFrom(actions: readonly Action[]): string | null {
  for (const action of actions) {
    if (action.type !== 'REGISTER' || action.status !== 'Accepted') continue;
    const imported = action.content?.imported as { source?: unknown; label?: unknown } | undefined;
    if (imported?.source !== 'paper') continue;
    return typeof imported.label === 'string' && imported.label ? imported.label : 'paper register';
  }
  return null;
}
