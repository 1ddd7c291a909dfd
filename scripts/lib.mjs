// Small helpers shared by the repo scripts (start, demo, test, bench).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const consoleDist = join(root, 'dist/console/browser');

/** Runs a command in the repo root, inheriting stdio; exits the script on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildServer() {
  run(process.execPath, [join(root, 'scripts/build-server.mjs')]);
}

/**
 * Builds the console unless dist/console/browser is newer than its sources. With `{fatal: false}`
 * a failed build is reported and returns false instead of exiting (the Angular builder empties
 * the output first, so no stale console is left to test).
 */
export function buildConsoleIfStale({ fatal = true } = {}) {
  const index = join(consoleDist, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(root, 'apps/console')), newestMtime(join(root, 'libs/contracts/src')));
  if (built >= sources) return true;
  console.log('building the console (first run or sources changed)...');
  const args = [join(root, 'node_modules/@angular/cli/bin/ng.js'), 'build', 'console'];
  const env = { ...process.env, NG_CLI_ANALYTICS: 'false' };
  if (fatal) {
    run(process.execPath, args, { env });
    return true;
  }
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) console.error('console build failed: the browser tests will fail');
  return r.status === 0;
}

/** Starts a long-running child in the repo root; resolves with the first stdout match of `ready`. */
export function startChild(label, cmd, args, env, ready) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d.toString();
      const m = ready.exec(buf);
      if (m) resolvePromise({ child, match: m });
    });
    child.once('exit', (code) => reject(new Error(`${label} exited with code ${code} before it was ready`)));
  });
}

/** Finds Chromium for browser tests: KNM_CHROMIUM, then /usr/bin/chromium. */
export function findChromium() {
  const candidates = [process.env.KNM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((c) => existsSync(c)) ?? null;
}
