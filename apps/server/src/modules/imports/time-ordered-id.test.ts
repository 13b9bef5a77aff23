import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.ts';

describe('timeOrderedId', () => {
  it('is a UUID version 7 whose order follows the time, unique within a millisecond', () => {
    const early = timeOrderedId(Date.parse('2026-01-01T00:00:00Z'));
    const late = timeOrderedId(Date.parse('2026-01-01T00:00:00.001Z'));
    expect(early < late).toBe(true);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(early).success).toBe(true);
    const same = Array.from({ length: 1000 }, () => timeOrderedId(1_700_000_000_000));
    expect(new Set(same).size).toBe(1000);
    expect(same.every((id) => id.startsWith('018bcfe5-6800-7'))).toBe(true);
  });
});
