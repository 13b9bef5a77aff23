import { connectDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { ServerEnv } from '../lib/env.ts';
import { loadCountry } from '../load-country.ts';
import { exportConfig } from '../modules/settings/export.ts';

/** `lifeline config export DIR`: the effective config (package + changes made in the app) as files. */
export async function runConfigExport(env: ServerEnv, args: string[]): Promise<number> {
  const [sub, dir] = args;
  if (sub !== 'export' || !dir) {
    console.log('Usage: lifeline config export DIR');
    return 2;
  }
  const base = await loadCountry();
  const handle = await connectDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(handle.db, handle.schema);
    const files = await exportConfig(handle.db, base, dir);
    console.log(`wrote ${files.length} files to ${dir}: ${files.join(', ')}`);
    return 0;
  } finally {
    await handle.close();
  }
}
