// Builds the web app before `npm start` when the build is missing or older than its sources,
// so `npm install && npm start` serves the app without a separate build step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../apps/web');
const built = path.join(web, 'dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [path.join(web, 'src'), path.join(web, 'public'), path.resolve(web, '../../packages/domain/src')];
const stale = !existsSync(built) || sources.some((dir) => newest(dir) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the web app...');
  execSync('npm run build -w @lifeline/web', { stdio: 'inherit', cwd: path.resolve(web, '../..') });
}
