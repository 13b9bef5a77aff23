import { describe, expect, it } from 'vitest';
import type { EventStatisticsConfig } from './config.ts';
import { completedYears, declarationFacts, placeCategory, qualityIssues } from './facts.ts';
import { deathAgeGroup, icd10Chapter, motherAgeGroup, NOT_STATED } from './groups.ts';

const birth: EventStatisticsConfig = {
  sexField: 'child.gender',
  placeOfOccurrence: { field: 'child.placeOfBirth', healthFacility: ['HEALTH_FACILITY'], home: ['PRIVATE_HOME'] },
  motherAge: { dobField: 'mother.dob', ageField: 'mother.age' },
  birthWeightField: 'child.weightAtBirth',
};
const death: EventStatisticsConfig = {
  sexField: 'deceased.gender',
  placeOfOccurrence: { field: 'eventDetails.placeOfDeath', healthFacility: ['HEALTH_FACILITY'], home: ['HOME'] },
  subjectAge: { dobField: 'deceased.dob', ageField: 'deceased.age' },
  causeOfDeathFields: ['cause.a', 'cause.b', 'cause.c', 'cause.d'],
};

describe('age groups', () => {
  it('puts ages in the UN groups, with their edges', () => {
    expect([11, 14, 15, 19, 20, 49, 50, 61].map(motherAgeGroup)).toEqual([
      '<15',
      '<15',
      '15-19',
      '15-19',
      '20-24',
      '45-49',
      '50+',
      '50+',
    ]);
    expect([0, 1, 4, 5, 9, 84, 85, 101].map(deathAgeGroup)).toEqual([
      '<1',
      '1-4',
      '1-4',
      '5-9',
      '5-9',
      '80-84',
      '85+',
      '85+',
    ]);
    expect(motherAgeGroup(null)).toBe(NOT_STATED);
  });

  it('counts completed years, birthdays included', () => {
    expect(completedYears('2000-03-15', '2025-03-14')).toBe(24);
    expect(completedYears('2000-03-15', '2025-03-15')).toBe(25);
    expect(completedYears('2000-02-29', '2025-02-28')).toBe(24);
    expect(completedYears('2025-03-15', '2025-03-14')).toBeNull();
  });
});

describe('ICD-10 chapters', () => {
  it('reads the chapter of a cause written with its code first, and nothing else', () => {
    expect(icd10Chapter('A09 Diarrhoea')).toBe('I');
    expect(icd10Chapter('c34.1 Lung cancer')).toBe('II');
    expect(icd10Chapter('D50 Iron deficiency anaemia')).toBe('III');
    expect(icd10Chapter('I21.9: Acute myocardial infarction')).toBe('IX');
    expect(icd10Chapter('T71 Asphyxiation')).toBe('XIX');
    expect(icd10Chapter('V89.2 Motor-vehicle accident')).toBe('XX');
    expect(icd10Chapter('U07.1')).toBe('XXII');
    expect(icd10Chapter('Heart attack')).toBeNull();
    expect(icd10Chapter('AB12 not a code')).toBeNull();
  });
});

describe('declaration facts', () => {
  it('reads sex, place, the mother’s age at the birth (or as declared) and the weight', () => {
    const facts = declarationFacts(
      birth,
      {
        'child.gender': 'female',
        'child.placeOfBirth': 'PRIVATE_HOME',
        'mother.dob': '1990-06-02',
        'child.weightAtBirth': 3.4,
      },
      '2025-06-01',
    );
    expect(facts).toMatchObject({
      sex: 'female',
      placeType: 'PRIVATE_HOME',
      motherAge: 34,
      motherAgeGroup: '30-34',
      birthWeightKg: 3.4,
    });
    expect(placeCategory(birth, facts.placeType)).toBe('HOME');
    expect(declarationFacts(birth, { 'mother.age': 17 }, '2025-06-01')).toMatchObject({
      sex: NOT_STATED,
      placeType: NOT_STATED,
      motherAge: 17,
      motherAgeGroup: '15-19',
    });
  });

  it('takes the underlying cause from the lowest line filled in', () => {
    const facts = declarationFacts(
      death,
      { 'cause.a': 'R09.2 Respiratory arrest', 'cause.b': 'C34 Lung cancer' },
      '2025-01-01',
    );
    expect(facts.causeChapter).toBe('II');
    expect(declarationFacts(death, { 'cause.a': 'Old age' }, '2025-01-01').causeChapter).toBe(NOT_STATED);
    expect(declarationFacts(death, { 'deceased.dob': '2024-12-01' }, '2025-01-01')).toMatchObject({
      subjectAge: 0,
      ageGroup: '<1',
    });
  });
});

describe('quality issues', () => {
  const dates = { eventDate: '2025-05-01', registeredOn: '2025-05-10', declaredOn: '2025-05-02' };
  it('flags implausible mothers and weights at the limits, and impossible dates', () => {
    const issues = (declaration: Record<string, unknown>, d = dates) =>
      qualityIssues(
        birth,
        declarationFacts(birth, { 'child.gender': 'male', 'child.placeOfBirth': 'OTHER', ...declaration }, d.eventDate),
        d,
      );
    expect(issues({ 'mother.age': 12, 'child.weightAtBirth': 0.5 })).toEqual([]);
    expect(issues({ 'mother.age': 55, 'child.weightAtBirth': 7 })).toEqual([]);
    expect(issues({ 'mother.age': 11 })).toEqual(['MOTHER_AGE_IMPLAUSIBLE']);
    expect(issues({ 'mother.age': 56, 'child.weightAtBirth': 0.4 })).toEqual([
      'MOTHER_AGE_IMPLAUSIBLE',
      'BIRTH_WEIGHT_IMPLAUSIBLE',
    ]);
    expect(issues({ 'child.weightAtBirth': 7.1 })).toEqual(['BIRTH_WEIGHT_IMPLAUSIBLE']);
    expect(issues({}, { eventDate: '2025-05-11', registeredOn: '2025-05-10', declaredOn: '2025-05-10' })).toEqual([
      'EVENT_AFTER_REGISTRATION',
    ]);
    expect(issues({}, { eventDate: '2025-05-01', registeredOn: '2025-05-10', declaredOn: '2025-05-11' })).toEqual([
      'REGISTERED_BEFORE_DECLARATION',
    ]);
    expect(qualityIssues(death, declarationFacts(death, {}, '2025-01-01'), dates)).toEqual([
      'SEX_MISSING',
      'PLACE_MISSING',
      'AGE_MISSING',
    ]);
  });
});
