import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos.ts';

/**
 * The chaos run of `npm run bench:offline`, small: 100 submissions from 8 devices through a proxy dropping 10%
 * of requests, duplicating 10%, cutting 10% of answers half way, with a server restart after a third.
 */
describe('delivery through a bad network', () => {
  it('loses nothing and duplicates nothing: every submission arrives once, documents intact', async () => {
    const report = await runChaos({
      submissions: 100,
      devices: 8,
      batch: 10,
      rates: { drop: 0.1, duplicate: 0.1, cut: 0.1, maxDelayMs: 30 },
      restartAt: 0.33,
      databaseUrl: process.env.TEST_DATABASE_URL,
      seed: 7,
    });
    console.log(JSON.stringify(report));
    expect(report.refused).toEqual([]);
    expect(report.records).toBe(100);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.unexpected).toBe(0);
    expect(report.documentsIntact).toBe(report.documents);
    expect(report.documents).toBeGreaterThanOrEqual(200);
    expect(report.restarts).toBe(1);
    expect(report.proxy.dropped + report.proxy.duplicated + report.proxy.cut).toBeGreaterThan(40);
  }, 600_000);
});
