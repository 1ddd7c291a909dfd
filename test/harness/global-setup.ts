import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Jest globalSetup for the integration, e2e and browser projects: compiles the server with swc
 * (a second or two) so API child processes run the code under test, never a stale build.
 */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: 'ignore' });
}
