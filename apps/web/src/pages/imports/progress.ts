import type { ImportView } from '@lifeline/domain';

/** What the progress bar shows of an import: how far (by bytes read), how fast and how long still. */
export interface ImportProgress {
  /** 0-100, by bytes of the file read; 100 once done. */
  percent: number;
  /** Rows the import has dealt with (imported, refused or already there). */
  handled: number;
  /** Records written per second since the import started; null before there is anything to measure. */
  recordsPerSecond: number | null;
  /** Seconds until the end at the speed so far; null when unknown (nothing read yet) or finished. */
  secondsLeft: number | null;
}

/**
 * From the import as the server last showed it. Speeds are measured on the server's own clock (startedAt to
 * updatedAt), so a browser whose clock is wrong still shows the right figures.
 */
export function importProgress(view: ImportView): ImportProgress {
  const handled = view.imported + view.refused + view.skipped;
  const elapsed = (Date.parse(view.updatedAt) - Date.parse(view.startedAt)) / 1000;
  const finished = view.status !== 'running';
  const percent = finished ? 100 : view.bytes > 0 ? Math.min(99, Math.floor((view.bytesRead / view.bytes) * 100)) : 0;
  const recordsPerSecond = elapsed > 0 && view.imported > 0 ? view.imported / elapsed : null;
  const bytesPerSecond = elapsed > 0 && view.bytesRead > 0 ? view.bytesRead / elapsed : null;
  const secondsLeft =
    finished || bytesPerSecond === null ? null : Math.max(0, (view.bytes - view.bytesRead) / bytesPerSecond);
  return { percent, handled, recordsPerSecond, secondsLeft };
}

/** "1 h 02 min", "3 min 05 s", "12 s": a duration as people read it. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The media type the server reads each format as. */
export const FORMAT_MEDIA_TYPES = { csv: 'text/csv', fhir: 'application/fhir+ndjson' } as const;

/** How often a running import is asked for its progress. */
export const POLL_MS = 1000;

/** Poll again while the import runs; stop once it is done or failed. */
export function pollInterval(view: ImportView | undefined): number | false {
  return !view || view.status === 'running' ? POLL_MS : false;
}
