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

const DATE_TIME_PATTERN =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * A real calendar date, or an ISO 8601 date-time on a real date with a real time and offset ("2026-02-30" and
 * "2026-01-01T25:00" are not): what search ranges over record dates accept, checked before the database sees it.
 */
export function isDateOrDateTime(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DATE_TIME_PATTERN.exec(text);
  if (!match || !parseCalendarDate(match[1])) return false;
  const [hour, minute, second, offsetHours, offsetMinutes] = [2, 3, 4, 6, 7].map((i) => Number(match[i] ?? 0));
  return hour < 24 && minute < 60 && second < 60 && offsetHours <= 14 && offsetMinutes < 60;
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

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastDays = new Map<string, { second: number; day: string }>();

/** Today's calendar date in a time zone such as "Africa/Lusaka". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // Every offset is whole seconds, so one second's instants share a day: formatting is slow, and an action asks
  // for today's date dozens of times (date rules, the verdict's hash).
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDays.get(timeZone);
  if (last?.second === second) return last.day;
  const day = formatterOf(timeZone).format(now);
  lastDays.set(timeZone, { second, day });
  return day;
}

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. Building a formatter is slow: keep one per zone.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format;
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
