import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import serverSetup from '../../harness/global-setup';

const ROOT = join(__dirname, '..', '..', '..');

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Jest globalSetup of the browser project: builds the server (as the other projects do) and the
 * console once for every browser spec file, unless dist/console is newer than its sources (the same
 * rule as scripts/lib.mjs buildConsoleIfStale, which `npm test` runs first). One build per run, not
 * one per spec file, and never two builds racing into the same output directory.
 */
export default function globalSetup(): void {
  serverSetup();
  const index = join(ROOT, 'dist/console/browser/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(ROOT, 'apps/console')), newestMtime(join(ROOT, 'libs/contracts/src')));
  if (built >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/@angular/cli/bin/ng.js'), 'build', 'console'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false', CI: 'true' },
  });
}
