import { todayIn } from '@lifeline/domain';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** What the dashboard shows, kept in the address so a view can be bookmarked and shared. */
export interface DashboardFilters {
  event: string;
  period: Period;
  from: string;
  to: string;
  /** The area drilled into (none: the user's whole jurisdiction). */
  areaId: string | null;
  /** The office drilled into, within the area. */
  officeId: string | null;
}

export const PERIODS = ['last12Months', 'thisYear', 'lastYear', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The days a preset covers, ending today (in the country's time zone). */
export function periodDates(period: Period, today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  if (period === 'thisYear') return { from: `${year}-01-01`, to: today };
  if (period === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  return { from: shift(`${year - 1}${today.slice(4)}`, 1), to: today };
}

export function useDashboardFilters(timeZone: string | undefined, events: string[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<DashboardFilters>(() => {
    const today = todayIn(timeZone ?? 'UTC');
    const event = events.includes(params.get('event') ?? '') ? params.get('event')! : (events[0] ?? 'birth');
    const period = (PERIODS as readonly string[]).includes(params.get('period') ?? '')
      ? (params.get('period') as Period)
      : 'last12Months';
    const preset = periodDates(period, today);
    const from = period === 'custom' && DATE.test(params.get('from') ?? '') ? params.get('from')! : preset.from;
    const to = period === 'custom' && DATE.test(params.get('to') ?? '') ? params.get('to')! : preset.to;
    return { event, period, from, to, areaId: params.get('areaId'), officeId: params.get('officeId') };
  }, [params, timeZone, events]);

  const update = (
    changes: Partial<Record<'event' | 'period' | 'from' | 'to' | 'areaId' | 'officeId', string | null>>,
  ) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  return { filters, update };
}
