import { readFileSync } from 'node:fs';
import pg from 'pg';
import { processSeconds } from '../cpu.ts';

/** CPU seconds a child process and its PostgreSQL backends used, and the machine's load while it ran. */
export interface CpuUsed {
  node: number;
  postgres: number | null;
  /** The process's peak resident memory (VmHWM), MB: flat memory means it does not grow with the file. */
  peakRssMb: number | null;
  /** Load average (1 minute) at the start and the end: other work on the machine skews records/s, not CPU time. */
  load: [number, number];
}

function peakRss(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/**
 * Watch a child process and the PostgreSQL backends connected under `applicationName` (from pg_stat_activity),
 * reading their CPU time from /proc every `everyMs`. A backend's last reading is the one before it closed, so the
 * figure misses at most `everyMs` of each; the node figure likewise. PostgreSQL must be on this machine.
 */
export function watchCpu(pid: number, url: string | undefined, applicationName: string | undefined, everyMs = 100) {
  const backends = new Map<number, number>();
  let node = 0;
  let rss: number | null = null;
  let busy = false;
  const load0 = loadAverage();
  // Reconnected when another job on the shared server ends the connection (pg_terminate_backend).
  let admin: pg.Client | null = null;
  const client = async () => {
    if (!admin) {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => undefined);
      await c.connect();
      admin = c;
    }
    return admin;
  };
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      node = processSeconds(pid) ?? node;
      rss = peakRss(pid) ?? rss;
      if (url && applicationName) {
        const { rows } = await (
          await client()
        ).query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
        for (const { pid: b } of rows) {
          const s = processSeconds(b);
          if (s !== null) backends.set(b, s);
        }
      }
    } catch {
      admin?.end().catch(() => undefined);
      admin = null;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop(): Promise<CpuUsed> {
      clearInterval(timer);
      await admin?.end().catch(() => undefined);
      const postgres = url ? [...backends.values()].reduce((a, b) => a + b, 0) : null;
      return { node, postgres, peakRssMb: rss, load: [load0, loadAverage()] };
    },
  };
}
