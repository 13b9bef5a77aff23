import { z } from 'zod';
import { Condition } from './conditions.ts';
import { FieldConfig, FieldId, holdsValue } from './fields.ts';
import { DedupConfig } from './dedup/config.ts';
import { CorrectionConfig } from './corrections.ts';
import { RegistrationNumberFormat } from './settings.ts';
import { Text } from './text.ts';

export const PageConfig = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  title: Text,
  showIf: Condition.optional(),
  fields: z.array(FieldConfig).min(1),
});
export type PageConfig = z.infer<typeof PageConfig>;

/** Registration time limits in days after the event: on time, then late, then delayed. */
export const Timeliness = z
  .object({
    onTimeDays: z.number().int().positive().max(36_500),
    /** Absent when the event has no "delayed" band (only on time / late). */
    lateDays: z.number().int().positive().max(36_500).optional(),
  })
  .refine((t) => t.lateDays === undefined || t.lateDays > t.onTimeDays, {
    message: 'the late limit must be after the on-time limit',
    path: ['lateDays'],
  });

/** The configuration of one event type (birth, death, ...): its form and how its key facts are read. */
export const EventConfig = z.object({
  id: z
    .string()
    .max(40)
    .regex(/^[a-z][a-z0-9-]*$/, 'event ids are lowercase words joined by -'),
  label: Text,
  /** One letter used in tracking ids and registration numbers, e.g. B for birth. */
  code: z.string().regex(/^[A-Z]$/),
  pages: z.array(PageConfig).min(1),
  /** The field holding the date of the event (e.g. child.dob). */
  dateOfEventField: FieldId,
  /** Fields holding the place of the event, in order of preference: a LOCATION id or an ADDRESS's area. */
  placeOfEventFields: z.array(FieldId).min(1),
  /** The NAME field that titles the record in lists (e.g. child.name). */
  titleField: FieldId,
  timeliness: Timeliness,
  /**
   * This event's registration number format instead of the settings' (new numbers only). Each event type has its
   * own sequence, so a format shared by several event types must contain {eventCode}.
   */
  registrationNumberFormat: RegistrationNumberFormat.optional(),
  /** How records of this event are corrected: the reasons to choose from and the fee. */
  corrections: CorrectionConfig.optional(),
  /** Duplicate detection, run on declare, validate and register. */
  deduplication: DedupConfig.optional(),
  /**
   * Registration waits for the national ID system: REGISTER is recorded as requested (no number yet), its
   * NATIONAL_ID client is told by webhook and confirms (the number is given then) or rejects. Off by default.
   */
  nationalIdConfirmation: z.boolean().optional(),
});
export type EventConfig = z.infer<typeof EventConfig>;

const formFieldsCache = new WeakMap<EventConfig, ReadonlyArray<{ field: FieldConfig; page: PageConfig }>>();

/**
 * Every value-holding field of an event's form, with the page it sits on. Memoised per config object (configs are
 * not changed once loaded): every projection row asks several times, and a reindex asks for each record.
 */
export function formFields(event: EventConfig): ReadonlyArray<{ field: FieldConfig; page: PageConfig }> {
  let fields = formFieldsCache.get(event);
  if (!fields) {
    fields = event.pages.flatMap((page) => page.fields.filter(holdsValue).map((field) => ({ field, page })));
    formFieldsCache.set(event, fields);
  }
  return fields;
}
