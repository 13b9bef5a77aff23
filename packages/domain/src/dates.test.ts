import { describe, expect, it } from 'vitest';
import { addYears, daysBetween, isCalendarDate, isTimeZone, parseCalendarDate, todayIn } from './dates.ts';

describe('parseCalendarDate', () => {
  it('parses a real date into its parts', () => {
    expect(parseCalendarDate('2023-07-14')).toEqual({ year: 2023, month: 7, day: 14 });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('rejects 29 February in a non-leap year, including century years', () => {
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('1900-02-29')).toBeNull();
  });

  it('rejects days that do not exist in the month', () => {
    expect(parseCalendarDate('2023-02-30')).toBeNull();
    expect(parseCalendarDate('2023-04-31')).toBeNull();
    expect(parseCalendarDate('2023-01-00')).toBeNull();
    expect(parseCalendarDate('2023-01-32')).toBeNull();
  });

  it('rejects months outside 1-12', () => {
    expect(parseCalendarDate('2023-13-01')).toBeNull();
    expect(parseCalendarDate('2023-00-10')).toBeNull();
  });

  it('rejects dates that are not written YYYY-MM-DD', () => {
    expect(parseCalendarDate('2023-1-1')).toBeNull();
    expect(parseCalendarDate('23-01-01')).toBeNull();
    expect(parseCalendarDate('2023/01/01')).toBeNull();
    expect(parseCalendarDate(' 2023-01-01')).toBeNull();
    expect(parseCalendarDate('2023-01-01T00:00:00Z')).toBeNull();
    expect(parseCalendarDate('')).toBeNull();
  });
});

describe('isCalendarDate', () => {
  it('is true only for strings that are real dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate(20240229)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });
});

describe('daysBetween', () => {
  it('is zero for the same day', () => {
    expect(daysBetween('2023-05-05', '2023-05-05')).toBe(0);
  });

  it('counts across a month end', () => {
    expect(daysBetween('2023-01-31', '2023-02-01')).toBe(1);
    expect(daysBetween('2023-01-15', '2023-03-15')).toBe(59);
  });

  it('counts across a year end', () => {
    expect(daysBetween('2023-12-31', '2024-01-01')).toBe(1);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
  });

  it('counts 29 February in leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('is negative when the second date is earlier', () => {
    expect(daysBetween('2024-01-01', '2023-12-25')).toBe(-7);
  });

  it('is whole days regardless of DST in the host time zone (dates are UTC-based)', () => {
    // Around the European and US DST changes, a local-time implementation would give 23 or 25 hours.
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
  });

  it('throws on something that is not a date', () => {
    expect(() => daysBetween('2023-02-30', '2023-03-01')).toThrow(/not a calendar date/);
  });
});

describe('addYears', () => {
  it('adds whole years to an ordinary date', () => {
    expect(addYears('2000-06-15', 18)).toBe('2018-06-15');
  });

  it('moves 29 February to 28 February in a non-leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2000-02-29', 18)).toBe('2018-02-28');
  });

  it('keeps 29 February when the target year is also leap', () => {
    expect(addYears('2000-02-29', 4)).toBe('2004-02-29');
  });

  it('can go back in time', () => {
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(addYears('2024-01-10', -10)).toBe('2014-01-10');
  });

  it('throws on something that is not a date', () => {
    expect(() => addYears('2023-13-01', 1)).toThrow(/not a calendar date/);
  });
});

describe('todayIn', () => {
  const lateEveningUtc = new Date('2026-01-01T23:30:00Z');

  it('is already the next day east of UTC', () => {
    expect(todayIn('Africa/Lusaka', lateEveningUtc)).toBe('2026-01-02');
  });

  it('is still the same day in UTC', () => {
    expect(todayIn('UTC', lateEveningUtc)).toBe('2026-01-01');
  });

  it('turns at midnight to the millisecond, asked again and again in the same second', () => {
    const lastSecond = ['2026-01-01T21:59:59.000Z', '2026-01-01T21:59:59.500Z', '2026-01-01T21:59:59.999Z'];
    for (const at of lastSecond) expect(todayIn('Africa/Lusaka', new Date(at))).toBe('2026-01-01');
    expect(todayIn('Africa/Lusaka', new Date('2026-01-01T22:00:00.000Z'))).toBe('2026-01-02');
    expect(todayIn('Africa/Lusaka', new Date('2026-01-01T21:59:59.999Z'))).toBe('2026-01-01');
    expect(todayIn('UTC', new Date('2026-01-01T22:00:00.000Z'))).toBe('2026-01-01');
  });

  it('is still the previous day west of UTC just after midnight UTC', () => {
    expect(todayIn('America/New_York', new Date('2026-01-02T01:00:00Z'))).toBe('2026-01-01');
    expect(todayIn('UTC', new Date('2026-01-02T01:00:00Z'))).toBe('2026-01-02');
  });

  it('changes day exactly at local midnight', () => {
    // Lusaka is UTC+2 all year: local midnight is 22:00 UTC.
    expect(todayIn('Africa/Lusaka', new Date('2026-01-01T21:59:59Z'))).toBe('2026-01-01');
    expect(todayIn('Africa/Lusaka', new Date('2026-01-01T22:00:00Z'))).toBe('2026-01-02');
  });

  it('always writes a calendar date YYYY-MM-DD', () => {
    expect(isCalendarDate(todayIn('Africa/Lusaka', new Date('2026-03-05T10:00:00Z')))).toBe(true);
    expect(todayIn('Africa/Lusaka', new Date('2026-03-05T10:00:00Z'))).toBe('2026-03-05');
  });
});

describe('isTimeZone', () => {
  it('knows IANA zone names and refuses others', () => {
    expect(isTimeZone('Africa/Lusaka')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Africa/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
