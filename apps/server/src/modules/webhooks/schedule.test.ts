import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_WORKER_OPTIONS } from '../outbox/worker.ts';
import { WEBHOOK_MAX_ATTEMPTS } from './listener.ts';

describe('webhook retry schedule', () => {
  it('keeps trying for at least 24 hours before parking a delivery, even with the least jitter', () => {
    const { retryBaseMs, retryMaxMs } = DEFAULT_WORKER_OPTIONS;
    let waited = 0;
    // The last attempt's failure parks the delivery: the waits are those after attempts 1 .. max-1.
    for (let attempt = 1; attempt < WEBHOOK_MAX_ATTEMPTS; attempt++) {
      waited += backoffMs(attempt, retryBaseMs, retryMaxMs, () => 0);
    }
    expect(waited / 3_600_000).toBeGreaterThanOrEqual(24);
    expect(waited / 3_600_000).toBeLessThan(36);
  });
});
