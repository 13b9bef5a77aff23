import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prepareCountry } from '../country.ts';
import { connectDatabase } from '../db/connect.ts';
import type { ServerEnv } from '../lib/env.ts';
import { loadCountry } from '../load-country.ts';
import { verifyRegister } from '../modules/audit/verify.ts';
import { compareOutsideCopies } from '../modules/checkpoints/outside-copies.ts';
import { existingCertificateKeys, publicKeyFrom } from '../modules/verify/keys.ts';

/**
 * `lifeline verify-log [--key FILE] [--checkpoints FILE]`: every chain, projection, certificate and checkpoint;
 * with --checkpoints, also the copies of published checkpoints kept outside the database. Exit 1 on any problem.
 */
export async function runVerifyLog(env: ServerEnv, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { key: { type: 'string' }, checkpoints: { type: 'string' } } });
  const keys = values.key ? await publicKeyFrom(readFileSync(values.key, 'utf8')) : await existingCertificateKeys(env);
  if (!keys) {
    console.log('no registry key: set CERT_SIGNING_KEY or DATA_DIR, or give the public key with --key FILE');
    return 2;
  }
  const country = prepareCountry(await loadCountry());
  const handle = await connectDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: 2 });
  try {
    const started = performance.now();
    const report = await verifyRegister({ db: handle.db, country }, keys);
    if (values.checkpoints) {
      const outside = await compareOutsideCopies(handle.db, keys, readFileSync(values.checkpoints, 'utf8'));
      console.log(`compared ${outside.compared} checkpoint copies kept outside the database`);
      for (const p of outside.problems) {
        report.problems.push({
          table: 'register_checkpoints',
          chain: `checkpoint ${p.checkpoint}`,
          position: p.checkpoint,
          problem: p.problem,
        });
      }
    }
    console.log(
      `checked ${report.actions} actions of ${report.records} records and ${report.auditEntries} audit entries; ` +
        `${report.projections} projections and ${report.certificates} certificates against the log; ` +
        `${report.checkpoints} signed checkpoints covering ${report.coveredHeads} chain heads ` +
        `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (!report.checkpoints) console.log('WARNING: no checkpoint yet: deletions at the end of a chain cannot be seen');
    for (const p of report.problems) console.log(`BROKEN ${p.table} ${p.chain} #${p.position}: ${p.problem}`);
    console.log(report.problems.length ? `${report.problems.length} problem(s) found` : 'every chain is intact');
    return report.problems.length ? 1 : 0;
  } finally {
    await handle.close();
  }
}
