import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { certificateKeys } from '../verify/index.ts';
import { backupDatabase } from './export.ts';
import { sealFiles } from './key-envelope.ts';
import { signManifest } from './manifest-signature.ts';

/**
 * Scheduled backups by the server itself (BACKUP_DIR, every BACKUP_INTERVAL_HOURS): the embedded database is one
 * process's, so this is how it is backed up online; on a PostgreSQL server `lifeline backup` does the same from
 * anywhere. Each backup goes to a new folder named by its time; keys are sealed with BACKUP_PASSPHRASE.
 */
export function startScheduledBackups(
  ctx: AppContext,
  settings: { dir: string; hours: number; passphrase: string; keys: () => Record<string, string> },
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      const folder = path.join(settings.dir, `lifeline-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      // Written under a temporary name and renamed once signed: a folder with the final name is a whole backup
      // (one copied off the machine mid-write would be refused at restore as unsigned).
      const partial = `${folder}.partial`;
      try {
        const manifest = await backupDatabase(
          ctx.db,
          ctx.dbKind,
          partial,
          await sealFiles(settings.keys(), settings.passphrase),
        );
        await signManifest(partial, await certificateKeys(ctx));
        await rename(partial, folder);
        ctx.log.info({ folder, takenAt: manifest.takenAt }, 'backup written');
      } catch (error) {
        ctx.log.error({ err: error, folder }, 'backup failed');
      }
    });
  }, settings.hours * 3_600_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
