import type { Condition } from '@lifeline/domain';

/** Short constructors for conditions, so form files read like the rules they encode. */
type Scalar = string | number | boolean;

export const eq = (field: string, value: Scalar): Condition => ({ type: 'equals', field, value });
export const oneOf = (field: string, values: Scalar[]): Condition => ({ type: 'oneOf', field, values });
export const isSet = (field: string): Condition => ({ type: 'isSet', field });
export const not = (condition: Condition): Condition => ({ type: 'not', condition });
export const isTrue = (field: string) => eq(field, true);

/** All of the conditions; undefined ones are ignored (a field without a section condition). */
export function and(...conditions: Array<Condition | undefined>): Condition | undefined {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  if (present.length <= 1) return present[0];
  return { type: 'and', conditions: present };
}

export function or(...conditions: Condition[]): Condition {
  return { type: 'or', conditions };
}

/** The date is set and more than `days` days ago (dateWithinDays alone is also false when the date is unset). */
export function moreThanDaysAgo(field: string, days: number): Condition {
  return { type: 'and', conditions: [isSet(field), not({ type: 'dateWithinDays', field, days })] };
}
