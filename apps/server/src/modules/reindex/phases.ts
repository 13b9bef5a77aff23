/** Seconds spent in each phase of a rebuild (what to speed up: see `lifeline reindex`'s last line). */
export class PhaseTimer {
  readonly seconds: Record<string, number> = {};

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, t0);
    }
  }

  timeSync<T>(phase: string, work: () => T): T {
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.add(phase, t0);
    }
  }

  private add(phase: string, since: number) {
    this.seconds[phase] = (this.seconds[phase] ?? 0) + (performance.now() - since) / 1000;
  }
}
