import type { JsonObject } from '../actions.ts';
import { daysBetween, isCalendarDate, parseCalendarDate } from '../dates.ts';
import type { AgeFields, EventStatisticsConfig } from './config.ts';
import { deathAgeGroup, icd10Chapter, motherAgeGroup, NOT_STATED } from './groups.ts';

/** Limits of the data quality report: values outside them are implausible. */
export const QUALITY_LIMITS = {
  motherAge: { min: 12, max: 55 },
  birthWeightKg: { min: 0.5, max: 7 },
  /** A registration this many days or more before the declaration is suspect. */
  registeredBeforeDeclarationDays: 1,
} as const;

export const QUALITY_ISSUES = [
  'SEX_MISSING',
  'PLACE_MISSING',
  'AGE_MISSING',
  'MOTHER_AGE_IMPLAUSIBLE',
  'BIRTH_WEIGHT_IMPLAUSIBLE',
  'EVENT_AFTER_REGISTRATION',
  'REGISTERED_BEFORE_DECLARATION',
] as const;
export type QualityIssue = (typeof QUALITY_ISSUES)[number];

/** What the statistics count of one registered record, read from its declaration. */
export interface DeclarationFacts {
  /** The sex field's option value, or NOT_STATED. */
  sex: string;
  /** The place-of-occurrence field's option value, or NOT_STATED. */
  placeType: string;
  /** Completed years at the event (deaths), null when not given. */
  subjectAge: number | null;
  /** UN age group at death (deaths), else null. */
  ageGroup: string | null;
  /** The mother's completed years at the birth (births), null when not given. */
  motherAge: number | null;
  motherAgeGroup: string | null;
  birthWeightKg: number | null;
  /** ICD-10 chapter of the underlying cause of death where coded, NOT_STATED where not (deaths), else null. */
  causeChapter: string | null;
}

/** Whole years from `dob` to `on` (both calendar dates); null when either is missing or dob is after `on`. */
export function completedYears(dob: string, on: string): number | null {
  const b = parseCalendarDate(dob);
  const e = parseCalendarDate(on);
  if (!b || !e || daysBetween(dob, on) < 0) return null;
  const birthdayPassed = e.month > b.month || (e.month === b.month && e.day >= b.day);
  return e.year - b.year - (birthdayPassed ? 0 : 1);
}

function ageAt(declaration: JsonObject, fields: AgeFields, eventDate: string | null): number | null {
  const dob = declaration[fields.dobField];
  if (isCalendarDate(dob) && eventDate) return completedYears(dob, eventDate);
  const age = declaration[fields.ageField];
  return typeof age === 'number' && Number.isFinite(age) && age >= 0 ? Math.floor(age) : null;
}

const option = (value: unknown) => (typeof value === 'string' && value ? value : NOT_STATED);

/** The underlying cause: the lowest line filled in (line d due to nothing else), by its ICD-10 chapter. */
function causeChapter(declaration: JsonObject, fields: readonly string[]): string {
  for (const field of [...fields].reverse()) {
    const value = declaration[field];
    if (typeof value === 'string' && value.trim()) return icd10Chapter(value) ?? NOT_STATED;
  }
  return NOT_STATED;
}

export function declarationFacts(
  stats: EventStatisticsConfig,
  declaration: JsonObject,
  eventDate: string | null,
): DeclarationFacts {
  const subjectAge = stats.subjectAge ? ageAt(declaration, stats.subjectAge, eventDate) : null;
  const motherAge = stats.motherAge ? ageAt(declaration, stats.motherAge, eventDate) : null;
  const weight = stats.birthWeightField ? declaration[stats.birthWeightField] : undefined;
  return {
    sex: option(declaration[stats.sexField]),
    placeType: option(declaration[stats.placeOfOccurrence.field]),
    subjectAge,
    ageGroup: stats.subjectAge ? deathAgeGroup(subjectAge) : null,
    motherAge,
    motherAgeGroup: stats.motherAge ? motherAgeGroup(motherAge) : null,
    birthWeightKg: typeof weight === 'number' && Number.isFinite(weight) ? weight : null,
    causeChapter: stats.causeOfDeathFields ? causeChapter(declaration, stats.causeOfDeathFields) : null,
  };
}

/** The UN category of a place-of-occurrence option. */
export function placeCategory(
  stats: EventStatisticsConfig,
  placeType: string,
): 'HEALTH_FACILITY' | 'HOME' | 'OTHER' | null {
  if (placeType === NOT_STATED) return null;
  if (stats.placeOfOccurrence.healthFacility.includes(placeType)) return 'HEALTH_FACILITY';
  if (stats.placeOfOccurrence.home.includes(placeType)) return 'HOME';
  return 'OTHER';
}

/**
 * Missing and implausible values of a registered record, for the data quality report. Dates are calendar dates:
 * the event, the day of registration and the day of the first declaration.
 */
export function qualityIssues(
  stats: EventStatisticsConfig,
  facts: DeclarationFacts,
  dates: { eventDate: string | null; registeredOn: string; declaredOn: string | null },
): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (facts.sex === NOT_STATED) issues.push('SEX_MISSING');
  if (facts.placeType === NOT_STATED) issues.push('PLACE_MISSING');
  if (stats.subjectAge && facts.subjectAge === null) issues.push('AGE_MISSING');
  const { motherAge, birthWeightKg } = QUALITY_LIMITS;
  if (facts.motherAge !== null && (facts.motherAge < motherAge.min || facts.motherAge > motherAge.max)) {
    issues.push('MOTHER_AGE_IMPLAUSIBLE');
  }
  const weight = facts.birthWeightKg;
  if (weight !== null && (weight < birthWeightKg.min || weight > birthWeightKg.max)) {
    issues.push('BIRTH_WEIGHT_IMPLAUSIBLE');
  }
  if (dates.eventDate && dates.eventDate > dates.registeredOn) issues.push('EVENT_AFTER_REGISTRATION');
  if (
    dates.declaredOn &&
    daysBetween(dates.registeredOn, dates.declaredOn) >= QUALITY_LIMITS.registeredBeforeDeclarationDays
  ) {
    issues.push('REGISTERED_BEFORE_DECLARATION');
  }
  return issues;
}
