import { readFileSync } from 'node:fs';

/**
 * CPU time from /proc (Linux), to tell who used the cores during the measured window: the benchmark client,
 * the server process, the PostgreSQL backends serving the server's pool, and everything else on the machine
 * (other people's work, which skews the figures). Null where /proc is not there.
 */
const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every mainstream Linux (getconf CLK_TCK)

export interface CpuSnapshot {
  at: number;
  client: number;
  server: number | null;
  /** CPU seconds of each PostgreSQL backend of the server's pool, by pid. */
  backends: Map<number, number>;
  machineBusy: number | null;
  /** CPU seconds the virtual machine's host gave to others while this machine had work (steal). */
  stolen: number | null;
}

/** utime + stime of a process (all its threads), in seconds. */
export function processSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "(name) ": state(0) ppid(1) ... utime(11) stime(12)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and stolen CPU seconds of the whole machine since boot. */
function machineSeconds(): { busy: number; stolen: number } | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const [user, nice, system, , , irq, softirq, steal] = cpu;
    return { busy: (user + nice + system + irq + softirq) / TICKS_PER_SECOND, stolen: (steal ?? 0) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** `backendPids`: the server's PostgreSQL backends (pg_stat_activity), on this machine; none for PGlite. */
export function cpuSnapshot(serverPid: number, backendPids: readonly number[] = []): CpuSnapshot {
  const usage = process.cpuUsage();
  const machine = machineSeconds();
  const backends = new Map<number, number>();
  for (const pid of backendPids) {
    const s = processSeconds(pid);
    if (s !== null) backends.set(pid, s);
  }
  return {
    at: performance.now(),
    client: (usage.user + usage.system) / 1e6,
    server: processSeconds(serverPid),
    backends,
    machineBusy: machine?.busy ?? null,
    stolen: machine?.stolen ?? null,
  };
}

/** Cores used on average between two snapshots (1.0 = one core fully busy). */
export interface CpuUse {
  client: number;
  server: number | null;
  /** The PostgreSQL backends of the server's pool (null when the database is not a local PostgreSQL). */
  postgres: number | null;
  /** Everything else that ran on the machine (other processes, PostgreSQL's background writers). */
  other: number | null;
  machine: number | null;
  /**
   * Cores the host took for other virtual machines while this one wanted them (steal): a noisy neighbour slows
   * every figure of the window, the ceiling's too.
   */
  stolen: number | null;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const wall = (b.at - a.at) / 1000;
  const client = (b.client - a.client) / wall;
  const server = a.server !== null && b.server !== null ? (b.server - a.server) / wall : null;
  const machine = a.machineBusy !== null && b.machineBusy !== null ? (b.machineBusy - a.machineBusy) / wall : null;
  const stolen = a.stolen !== null && b.stolen !== null ? (b.stolen - a.stolen) / wall : null;
  let postgres: number | null = null;
  if (b.backends.size) {
    // A backend that started during the window counts from zero.
    let seconds = 0;
    for (const [pid, end] of b.backends) seconds += end - (a.backends.get(pid) ?? 0);
    postgres = seconds / wall;
  }
  const other = machine !== null && server !== null ? Math.max(0, machine - client - server - (postgres ?? 0)) : null;
  return { client, server, postgres, other, machine, stolen };
}
