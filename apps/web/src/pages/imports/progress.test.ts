import type { ImportView } from '@lifeline/domain';
import { describe, expect, it } from 'vitest';
import { formatDuration, importProgress, pollInterval } from './progress.ts';

const running: ImportView = {
  id: '00000000-0000-4000-8000-000000000001',
  eventType: 'birth',
  format: 'csv',
  fileName: 'births.csv',
  sha256: 'ab',
  status: 'running',
  rows: 3000,
  imported: 2900,
  refused: 60,
  skipped: 40,
  possibleDuplicates: 0,
  bytes: 1_000_000,
  bytesRead: 250_000,
  error: null,
  startedAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:10.000Z',
  finishedAt: null,
};

describe('importProgress', () => {
  it('measures how far by bytes, how fast by records written, and the time left at that pace', () => {
    expect(importProgress(running)).toEqual({ percent: 25, handled: 3000, recordsPerSecond: 290, secondsLeft: 30 });
  });

  it('says nothing about speed or time left before anything is read', () => {
    const start = { ...running, rows: 0, imported: 0, refused: 0, skipped: 0, bytesRead: 0 };
    expect(importProgress({ ...start, updatedAt: start.startedAt })).toEqual({
      percent: 0,
      handled: 0,
      recordsPerSecond: null,
      secondsLeft: null,
    });
  });

  it('is full once done (even with every row refused), never before', () => {
    expect(importProgress({ ...running, bytesRead: running.bytes }).percent).toBe(99);
    const done = { ...running, status: 'done' as const, imported: 0, refused: 3000, skipped: 0 };
    expect(importProgress(done)).toMatchObject({
      percent: 100,
      handled: 3000,
      recordsPerSecond: null,
      secondsLeft: null,
    });
  });
});

describe('pollInterval', () => {
  it('polls while the import runs and stops when it is done or failed', () => {
    expect(pollInterval(undefined)).toBeGreaterThan(0);
    expect(pollInterval(running)).toBeGreaterThan(0);
    expect(pollInterval({ ...running, status: 'done' })).toBe(false);
    expect(pollInterval({ ...running, status: 'failed' })).toBe(false);
  });
});

describe('formatDuration', () => {
  it('reads as people say it', () => {
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});
