import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../test/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');

/**
 * Issue 13's measure of done, on every CI run with PostgreSQL: `lifeline import` of a 100,000-row CSV with bad rows
 * planted, as a real command. The import bench does it and checks it: the refused rows are reported (and only
 * those), every other row is a registered record counted in the statistics and found by the server's search by its
 * original number and by its name, and the same file again adds nothing. It exits 1 when any check fails.
 */
describe.runIf(testDatabaseKind() === 'postgres')('a legacy register of 100,000 births', () => {
  it('imports with the real command, reports the bad rows, is searchable, and adds nothing the second time', async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/import/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, BENCH_ROWS: '100000', BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/re-import: 0 records added/);
    expect(output).toMatch(/registration number \S+ finds it/);
    expect(output).toMatch(/and the date of birth finds it/);
    expect(output).toMatch(/refused rows \(\d+ bad on purpose/);
  }, 900_000);
});
