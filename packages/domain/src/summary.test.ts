import { describe, expect, it } from 'vitest';
import { EventConfig } from './forms.ts';
import { dateOfEvent, fullName, placeOfEvent, timeliness } from './summary.ts';

const t = (en: string) => ({ en });

/** A birth event: facility, else home address, else other address; on time 30 days, late up to 365. */
function eventWith(timelinessConfig: { onTimeDays: number; lateDays?: number } = { onTimeDays: 30, lateDays: 365 }) {
  return EventConfig.parse({
    id: 'birth',
    label: t('Birth'),
    code: 'B',
    dateOfEventField: 'child.dob',
    placeOfEventFields: ['child.birthLocation', 'child.home', 'child.other'],
    titleField: 'child.name',
    timeliness: timelinessConfig,
    pages: [
      {
        id: 'child',
        title: t('Child'),
        fields: [
          { id: 'child.name', type: 'NAME', label: t('Name') },
          { id: 'child.dob', type: 'DATE', label: t('Date of birth') },
          { id: 'child.birthLocation', type: 'LOCATION', label: t('Facility'), locationType: 'HEALTH_FACILITY' },
          { id: 'child.home', type: 'ADDRESS', label: t('Home') },
          { id: 'child.other', type: 'ADDRESS', label: t('Other place') },
        ],
      },
    ],
  });
}
const birth = eventWith();

const domestic = (administrativeArea: string) => ({ country: 'FAR', addressType: 'DOMESTIC', administrativeArea });
const international = { country: 'GBR', addressType: 'INTERNATIONAL', state: 'England', district2: 'Kent' };

describe('dateOfEvent', () => {
  it('reads the configured date field', () => {
    expect(dateOfEvent(birth, { 'child.dob': '2025-12-01' })).toBe('2025-12-01');
  });

  it('is null while unknown or not a real date', () => {
    expect(dateOfEvent(birth, {})).toBeNull();
    expect(dateOfEvent(birth, { 'child.dob': '' })).toBeNull();
    expect(dateOfEvent(birth, { 'child.dob': '2025-02-29' })).toBeNull();
    expect(dateOfEvent(birth, { 'child.dob': 20251201 })).toBeNull();
  });
});

describe('placeOfEvent', () => {
  it('is the facility id of a LOCATION field', () => {
    expect(placeOfEvent(birth, { 'child.birthLocation': 'hospital' })).toBe('hospital');
  });

  it('is the administrative area of a domestic ADDRESS', () => {
    expect(placeOfEvent(birth, { 'child.home': domestic('ibombo') })).toBe('ibombo');
  });

  it('follows the preference order', () => {
    const values = {
      'child.birthLocation': 'hospital',
      'child.home': domestic('ibombo'),
      'child.other': domestic('x'),
    };
    expect(placeOfEvent(birth, values)).toBe('hospital');
    expect(placeOfEvent(birth, { 'child.home': domestic('ibombo'), 'child.other': domestic('sulaka') })).toBe('ibombo');
  });

  it('skips empty fields and addresses without an area', () => {
    expect(placeOfEvent(birth, { 'child.birthLocation': '', 'child.other': domestic('sulaka') })).toBe('sulaka');
    expect(placeOfEvent(birth, { 'child.home': international, 'child.other': domestic('sulaka') })).toBe('sulaka');
    expect(placeOfEvent(birth, { 'child.home': domestic(''), 'child.other': domestic('sulaka') })).toBe('sulaka');
  });

  it('is null when no place is known (an address abroad included)', () => {
    expect(placeOfEvent(birth, {})).toBeNull();
    expect(placeOfEvent(birth, { 'child.home': international })).toBeNull();
  });

  it('ignores fields not listed as places', () => {
    expect(placeOfEvent(birth, { 'child.dob': '2025-12-01' })).toBeNull();
  });
});

describe('fullName', () => {
  it('joins first, middle and surname', () => {
    expect(fullName({ firstname: 'Chilufya', middlename: 'Grace', surname: 'Banda' })).toBe('Chilufya Grace Banda');
  });

  it('skips missing and blank parts', () => {
    expect(fullName({ firstname: 'Chilufya', middlename: '', surname: 'Banda' })).toBe('Chilufya Banda');
    expect(fullName({ firstname: 'Chilufya', middlename: '  ' })).toBe('Chilufya');
    expect(fullName({ surname: 'Banda' })).toBe('Banda');
  });

  it('is empty when there is no name', () => {
    expect(fullName(undefined)).toBe('');
    expect(fullName(null)).toBe('');
    expect(fullName('Chilufya Banda')).toBe('');
    expect(fullName({})).toBe('');
  });
});

describe('timeliness', () => {
  it('is on time up to and including onTimeDays after the event', () => {
    expect(timeliness(birth, '2025-01-01', '2025-01-01')).toBe('ON_TIME');
    expect(timeliness(birth, '2025-01-01', '2025-01-31')).toBe('ON_TIME');
  });

  it('is late from the day after onTimeDays up to and including lateDays', () => {
    expect(timeliness(birth, '2025-01-01', '2025-02-01')).toBe('LATE');
    expect(timeliness(birth, '2025-01-01', '2026-01-01')).toBe('LATE');
  });

  it('is delayed after lateDays', () => {
    expect(timeliness(birth, '2025-01-01', '2026-01-02')).toBe('DELAYED');
    expect(timeliness(birth, '2000-01-01', '2026-01-02')).toBe('DELAYED');
  });

  it('counts a leap day', () => {
    // 2024-02-01 + 30 days = 2024-03-02 (February 2024 has 29 days).
    expect(timeliness(birth, '2024-02-01', '2024-03-02')).toBe('ON_TIME');
    expect(timeliness(birth, '2024-02-01', '2024-03-03')).toBe('LATE');
  });

  it('is never delayed for an event without lateDays', () => {
    const death = eventWith({ onTimeDays: 30 });
    expect(timeliness(death, '2025-01-01', '2025-01-31')).toBe('ON_TIME');
    expect(timeliness(death, '2025-01-01', '2025-02-01')).toBe('LATE');
    expect(timeliness(death, '1990-01-01', '2026-01-01')).toBe('LATE');
  });
});
