import type { ImportView } from '@lifeline/domain';

const WIDTH = 30;

/**
 * The terminal's progress bar of an import: how far through the file (by bytes: the number of rows is known only
 * at the end), rows, records per second, refusals. Redrawn in place on a terminal; a line every 5 s otherwise.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastLine = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly firstRow: number,
  ) {}

  update(view: ImportView): void {
    const fraction = view.bytes ? Math.min(view.bytesRead / view.bytes, 1) : 0;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = Math.round((view.rows - this.firstRow) / Math.max(seconds, 0.001));
    const eta = fraction > 0 && fraction < 1 ? ` ETA ${formatSeconds((seconds / fraction) * (1 - fraction))}` : '';
    const filled = Math.round(fraction * WIDTH);
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${view.rows.toLocaleString('en')} rows, ${view.imported.toLocaleString('en')} imported, ` +
      `${view.refused.toLocaleString('en')} refused, ${rate.toLocaleString('en')} rows/s${eta}`;
    if (this.out.isTTY) {
      this.out.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else if (performance.now() - this.lastLine > 5000) {
      this.lastLine = performance.now();
      this.out.write(`${line}\n`);
    }
  }

  done(): void {
    if (this.drawn) this.out.write('\n');
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}
