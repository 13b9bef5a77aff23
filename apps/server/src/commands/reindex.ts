import pino from 'pino';
import type { AppContext } from '../context.ts';
import { prepareCountry } from '../country.ts';
import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { ServerEnv } from '../lib/env.ts';
import { loadCountry } from '../load-country.ts';
import { reindex } from '../modules/reindex/service.ts';

/** `lifeline reindex`: rebuild event_index while the server keeps running; prints progress. */
export async function runReindex(env: ServerEnv): Promise<number> {
  const country = prepareCountry(await loadCountry());
  // As the owner: a rebuild creates tables and swaps them in (the server's role may not).
  const handle = await connectDatabase({
    databaseUrl: env.databaseOwnerUrl ?? env.databaseUrl,
    dataDir: env.dataDir,
    poolSize: 4,
  });
  try {
    await migrateToLatest(handle.db, handle.schema);
    const ctx: AppContext = { db: handle.db, dbKind: handle.kind, country, env, log: pino({ level: 'warn' }) };
    let lastPrint = 0;
    const result = await reindex(ctx, {
      onProgress: (p) => {
        if (p.phase === 'copy' && Date.now() - lastPrint < 1000 && p.done < p.total) return;
        lastPrint = Date.now();
        console.log(`${p.phase}: ${p.done}/${p.total} records, ${p.recordsPerSecond} records/s`);
      },
    });
    console.log(
      `reindexed ${result.records} records in ${result.seconds.toFixed(1)} s (${Math.round(result.records / Math.max(result.seconds, 0.001))} records/s)`,
    );
    // The copy's reading, replaying and writing overlap: their sum exceeds its share of the wall time.
    const phases = Object.entries(result.phases).map(([phase, s]) => `${phase} ${s.toFixed(1)} s`);
    console.log(`time by phase: ${phases.join(', ')}`);
    return 0;
  } finally {
    await handle.close();
  }
}
