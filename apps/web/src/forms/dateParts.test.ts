import { describe, expect, it } from 'vitest';
import { joinDate, parseWholeDate, splitDate } from './dateParts.ts';

describe('date boxes', () => {
  it('joins complete dates as YYYY-MM-DD, padding day and month', () => {
    expect(joinDate({ day: '5', month: '3', year: '2024' })).toBe('2024-03-05');
    expect(joinDate({ day: '', month: '', year: '' })).toBeUndefined();
  });

  it('keeps half-typed dates as text that validation reports (and that splits back the same)', () => {
    for (const parts of [
      { day: '5', month: '', year: '' },
      { day: '31', month: '2', year: '20' },
    ]) {
      const joined = joinDate(parts)!;
      expect(joined).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(splitDate(joined)).toEqual(parts);
    }
  });

  it('splits stored values into the boxes', () => {
    expect(splitDate('2024-03-05')).toEqual({ year: '2024', month: '03', day: '05' });
    expect(splitDate(undefined)).toEqual({ day: '', month: '', year: '' });
  });

  it('recognises a whole date typed or pasted into one box', () => {
    expect(parseWholeDate('2024-03-15')).toEqual({ year: '2024', month: '03', day: '15' });
    expect(parseWholeDate('15/3/2024')).toEqual({ day: '15', month: '3', year: '2024' });
    expect(parseWholeDate('15.03.2024')).toEqual({ day: '15', month: '03', year: '2024' });
    expect(parseWholeDate('15')).toBeNull();
  });
});
