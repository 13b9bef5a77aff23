import { z } from 'zod';
import { Condition } from './conditions.ts';
import { LocationType } from './locations.ts';
import { Text } from './text.ts';

/** Field ids are dotted paths such as `child.name` or `child.birthLocation.privateHome`. */
export const FieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/, 'field ids are dotted camelCase paths');

export const FieldOption = z.object({ value: z.string().min(1), label: Text });
export type FieldOption = z.infer<typeof FieldOption>;

/** A rule the field's value must satisfy, checked only when the field has a value. */
export const ValidationRule = z.object({ rule: Condition, message: Text });
export type ValidationRule = z.infer<typeof ValidationRule>;

const base = {
  id: FieldId,
  label: Text,
  /** Required when shown; hidden fields are never required. */
  required: z.boolean().optional(),
  /** Shown (and accepted) only when this holds; absent = always shown. */
  showIf: Condition.optional(),
  validations: z.array(ValidationRule).optional(),
  helpText: Text.optional(),
};

const MIME = z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/);
const fileLimits = {
  accept: z.array(MIME).min(1).default(['image/jpeg', 'image/png', 'application/pdf']),
  maxSizeBytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
};

export const FieldConfig = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('TEXT'),
    maxLength: z.number().int().positive().default(255),
    pattern: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('TEXTAREA'), maxLength: z.number().int().positive().default(2000) }),
  z.object({
    ...base,
    type: z.literal('NUMBER'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    unit: Text.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('NUMBER_WITH_UNIT'),
    units: z.array(FieldOption).min(1),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  /** Dates may not be in the future unless allowFuture is set. */
  z.object({ ...base, type: z.literal('DATE'), allowFuture: z.boolean().optional() }),
  z.object({ ...base, type: z.literal('TIME') }),
  z.object({
    ...base,
    type: z.literal('AGE'),
    min: z.number().int().min(0).default(0),
    max: z.number().int().positive().default(120),
  }),
  z.object({ ...base, type: z.literal('NAME'), maxLength: z.number().int().positive().default(32) }),
  z.object({ ...base, type: z.literal('PHONE'), pattern: z.string() }),
  z.object({ ...base, type: z.literal('EMAIL') }),
  z.object({ ...base, type: z.literal('ID'), pattern: z.string() }),
  z.object({ ...base, type: z.literal('SELECT'), options: z.array(FieldOption).min(1) }),
  z.object({ ...base, type: z.literal('RADIO_GROUP'), options: z.array(FieldOption).min(1) }),
  z.object({ ...base, type: z.literal('CHECKBOX') }),
  z.object({ ...base, type: z.literal('COUNTRY'), defaultValue: z.string().optional() }),
  z.object({ ...base, type: z.literal('LOCATION'), locationType: LocationType }),
  z.object({ ...base, type: z.literal('ADDRESS') }),
  z.object({ ...base, type: z.literal('FILE'), ...fileLimits }),
  z.object({ ...base, type: z.literal('FILE_WITH_OPTIONS'), options: z.array(FieldOption).min(1), ...fileLimits }),
  z.object({ ...base, type: z.literal('SIGNATURE') }),
  z.object({ ...base, type: z.literal('HEADING') }),
  z.object({ ...base, type: z.literal('PARAGRAPH') }),
  z.object({ ...base, type: z.literal('BULLET_LIST'), items: z.array(Text).min(1) }),
  z.object({ ...base, type: z.literal('DIVIDER') }),
  /** Read-only summary of other fields' answers. */
  z.object({ ...base, type: z.literal('DATA'), fields: z.array(FieldId).min(1) }),
]);
export type FieldConfig = z.infer<typeof FieldConfig>;
export type FieldType = FieldConfig['type'];

/** Display-only field types hold no value in a declaration. */
export const DISPLAY_FIELD_TYPES = new Set<FieldType>(['HEADING', 'PARAGRAPH', 'BULLET_LIST', 'DIVIDER', 'DATA']);

export function holdsValue(field: FieldConfig): boolean {
  return !DISPLAY_FIELD_TYPES.has(field.type);
}
