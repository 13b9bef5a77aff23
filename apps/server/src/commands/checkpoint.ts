import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { ServerEnv } from '../lib/env.ts';
import { writeCheckpoint } from '../modules/checkpoints/index.ts';
import { published } from '../modules/checkpoints/published.ts';
import { loadCertificateKeysFrom } from '../modules/verify/keys.ts';
import { existingCertificateKeys } from '../modules/verify/keys.ts';

/** `lifeline checkpoint`: write a signed checkpoint now and print it as published (one JSON line). */
export async function runCheckpoint(env: ServerEnv): Promise<number> {
  const keys = (await existingCertificateKeys(env)) ?? (await loadCertificateKeysFrom(env.dataDir));
  const handle = await connectDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(handle.db, handle.schema);
    const started = performance.now();
    const row = await writeCheckpoint(handle.db, keys);
    const ms = (performance.now() - started).toFixed(0);
    if (!row) console.error(`no chain moved since the last checkpoint: nothing written (${ms} ms)`);
    else {
      console.error(`checkpoint ${row.id}: ${row.heads} chain heads, root ${row.root} (${ms} ms)`);
      console.log(JSON.stringify(published(row)));
    }
    return 0;
  } finally {
    await handle.close();
  }
}
