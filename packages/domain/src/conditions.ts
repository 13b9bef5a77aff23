import { z } from 'zod';
import { addYears, daysBetween, isCalendarDate } from './dates.ts';

/**
 * A serialisable rule over declaration values, used both to show/hide fields and to validate them.
 * The same evaluation runs in the server, in the browser and in the CLI.
 */
export type Condition =
  | { type: 'always' }
  | { type: 'and'; conditions: Condition[] }
  | { type: 'or'; conditions: Condition[] }
  | { type: 'not'; condition: Condition }
  /** The field has a non-empty value. */
  | { type: 'isSet'; field: string }
  | { type: 'equals'; field: string; value: string | number | boolean }
  | { type: 'oneOf'; field: string; values: Array<string | number | boolean> }
  /** The date field is at most `days` days before today (false when unset). */
  | { type: 'dateWithinDays'; field: string; days: number }
  /** The date field is at least `minYears` (default 0, strictly before) before `otherField`; true when either is unset. */
  | { type: 'dateBefore'; field: string; otherField: string; minYears?: number }
  /** Number between min and max inclusive; true when unset. */
  | { type: 'numberBetween'; field: string; min?: number; max?: number }
  /** Non-empty values of these fields are all different (e.g. ID numbers of different people). */
  | { type: 'distinct'; fields: string[] };

const FieldRef = z.string().min(1);
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('always') }),
    z.object({ type: z.literal('and'), conditions: z.array(Condition).min(1) }),
    z.object({ type: z.literal('or'), conditions: z.array(Condition).min(1) }),
    z.object({ type: z.literal('not'), condition: Condition }),
    z.object({ type: z.literal('isSet'), field: FieldRef }),
    z.object({ type: z.literal('equals'), field: FieldRef, value: Scalar }),
    z.object({ type: z.literal('oneOf'), field: FieldRef, values: z.array(Scalar).min(1) }),
    z.object({ type: z.literal('dateWithinDays'), field: FieldRef, days: z.number().int().min(0) }),
    z.object({
      type: z.literal('dateBefore'),
      field: FieldRef,
      otherField: FieldRef,
      minYears: z.number().int().min(0).max(150).optional(),
    }),
    z.object({
      type: z.literal('numberBetween'),
      field: FieldRef,
      min: z.number().optional(),
      max: z.number().optional(),
    }),
    z.object({ type: z.literal('distinct'), fields: z.array(FieldRef).min(2) }),
  ]),
);
// Recursive: named, so API documents refer to it as one component (#/components/schemas/Condition).
z.globalRegistry.add(Condition, { id: 'Condition' });

export type Values = Readonly<Record<string, unknown>>;

export interface ConditionContext {
  values: Values;
  /** Today's calendar date in the country's time zone. */
  today: string;
}

/** Empty means "not answered": undefined, null, blank text, empty list, or an object whose parts are all empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    for (const part of Object.values(value)) if (!isEmptyValue(part)) return false;
    return true;
  }
  return false;
}

/**
 * Whether a condition holds. Written without closures: it runs for every field of every declaration checked (an
 * import checks thousands a second), and a closure made per call was most of its cost.
 */
export function evaluate(condition: Condition, ctx: ConditionContext): boolean {
  const values = ctx.values;
  switch (condition.type) {
    case 'always':
      return true;
    case 'and':
      for (const c of condition.conditions) if (!evaluate(c, ctx)) return false;
      return true;
    case 'or':
      for (const c of condition.conditions) if (evaluate(c, ctx)) return true;
      return false;
    case 'not':
      return !evaluate(condition.condition, ctx);
    case 'isSet':
      return !isEmptyValue(values[condition.field]);
    case 'equals':
      return values[condition.field] === condition.value;
    case 'oneOf':
      return condition.values.includes(values[condition.field] as string);
    case 'dateWithinDays': {
      const v = values[condition.field];
      return isCalendarDate(v) && daysBetween(v, ctx.today) <= condition.days;
    }
    case 'dateBefore': {
      const a = values[condition.field];
      const b = values[condition.otherField];
      if (!isCalendarDate(a) || !isCalendarDate(b)) return true;
      const years = condition.minYears ?? 0;
      return years > 0 ? addYears(a, years) <= b : a < b;
    }
    case 'numberBetween': {
      const v = values[condition.field];
      if (typeof v !== 'number') return true;
      return (condition.min === undefined || v >= condition.min) && (condition.max === undefined || v <= condition.max);
    }
    case 'distinct': {
      const seen = new Set<string>();
      for (const field of condition.fields) {
        const v = values[field];
        if (isEmptyValue(v)) continue;
        const key = JSON.stringify(v);
        if (seen.has(key)) return false;
        seen.add(key);
      }
      return true;
    }
  }
}

/** Every field id a condition reads (used to check that config conditions name real fields). */
export function referencedFields(condition: Condition): string[] {
  switch (condition.type) {
    case 'always':
      return [];
    case 'and':
    case 'or':
      return condition.conditions.flatMap(referencedFields);
    case 'not':
      return referencedFields(condition.condition);
    case 'dateBefore':
      return [condition.field, condition.otherField];
    case 'distinct':
      return condition.fields;
    default:
      return [condition.field];
  }
}
