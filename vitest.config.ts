import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const serverTests = ['apps/server/src/**/*.test.ts'];
const postgres = process.env.TEST_DATABASE_URL;
// Browser journeys need Debian's Chromium; CI installs it (.ci/run), elsewhere they run where it is installed.
const browserJourneys = existsSync('/usr/bin/chromium') || !!process.env.CI;

/**
 * Pure packages run once; server tests run on the embedded database and, when TEST_DATABASE_URL is set
 * (CI sets it), again on the PostgreSQL server. Browser journeys (e2e/) run last, one file at a time, against
 * one real server started by their global setup.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'countries/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          // The outbox's chaos run (bench/offline): its own server and proxy; on TEST_DATABASE_URL when set.
          name: 'offline',
          include: ['bench/offline/**/*.test.ts'],
          testTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'server-pglite',
          include: serverTests,
          env: { TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      ...(postgres
        ? [
            {
              test: {
                name: 'server-postgres',
                include: serverTests,
                env: { TEST_DB: 'postgres' },
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      ...(browserJourneys
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.e2e.ts'],
                globalSetup: ['e2e/harness/global-setup.ts'],
                testTimeout: 120_000,
                hookTimeout: 300_000,
                fileParallelism: false,
                // After the other projects: the journeys need the machine's cores for the browser and server.
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
