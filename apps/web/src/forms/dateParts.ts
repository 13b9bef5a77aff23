/** The three boxes of a date field, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const EMPTY: DateParts = { day: '', month: '', year: '' };

/** Split a stored value ("YYYY-MM-DD", or a half-typed one) into what the boxes show. */
export function splitDate(value: unknown): DateParts {
  if (typeof value !== 'string' || value === '') return EMPTY;
  const [year = '', month = '', day = ''] = value.split('-');
  return { day, month, year };
}

/**
 * The value to store for what the boxes hold: undefined when all are empty, "YYYY-MM-DD" when complete (day and
 * month padded), else the parts joined as typed, which validation reports as "not a real date".
 */
export function joinDate(parts: DateParts): string | undefined {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return undefined;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return `${year}-${month}-${day}`;
}

/**
 * A whole date typed or pasted into one box: "2024-03-15", "15/03/2024", "15.3.2024" or "15 03 2024".
 * Returns null for anything else (an ordinary keystroke).
 */
export function parseWholeDate(text: string): DateParts | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return { year: m[1], month: m[2], day: m[3] };
  m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t);
  if (m) return { day: m[1], month: m[2], year: m[3] };
  return null;
}
