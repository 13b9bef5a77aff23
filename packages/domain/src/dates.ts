/**
 * Calendar dates ("YYYY-MM-DD") in the country's time zone. Events happen on calendar days, not instants,
 * so "not in the future" and "within 30 days" are judged on dates, never on UTC timestamps.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse a calendar date, or null when the text is not a real date (2023-02-30 is not). */
export function parseCalendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isCalendarDate(text: unknown): text is string {
  return typeof text === 'string' && parseCalendarDate(text) !== null;
}

function toUtcMs(text: string): number {
  const d = parseCalendarDate(text);
  if (!d) throw new Error(`not a calendar date: ${text}`);
  return Date.UTC(d.year, d.month - 1, d.day);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / 86_400_000);
}

/** The date `years` later; 29 February moves to 28 February in non-leap years. */
export function addYears(date: string, years: number): string {
  const d = parseCalendarDate(date);
  if (!d) throw new Error(`not a calendar date: ${date}`);
  const year = d.year + years;
  const lastDay = new Date(Date.UTC(year, d.month, 0)).getUTCDate();
  const day = Math.min(d.day, lastDay);
  return `${String(year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's calendar date in a time zone such as "Africa/Lusaka". */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. Building a formatter is slow: keep one per zone.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(now);
}

/** True when the zone name is one the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
