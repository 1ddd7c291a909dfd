#!/usr/bin/env node
// `npm test`: runs every jest project (unit; integration, incl. the strict type-check and lint
// of test/static-checks.int-spec.ts; e2e; console; browser when Chromium is found) and writes
// jest's JSON results to test-results/jest.json (read by .ci/run). Extra arguments go to jest.
// The projects that run the API build the server themselves (jest globalSetup); the console is
// built here for the browser tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildConsoleIfStale, findChromium, root } from './lib.mjs';

const extra = process.argv.slice(2);

const projects = ['unit', 'integration', 'e2e', 'console'];
const chromium = findChromium();
if (chromium) {
  buildConsoleIfStale({ fatal: false });
  projects.push('browser');
} else {
  console.log('browser tests skipped: Chromium not found at /usr/bin/chromium (install it with `apt-get install -y chromium`, or set KNM_CHROMIUM to its path)');
}

mkdirSync(join(root, 'test-results'), { recursive: true });
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', ...projects, '--json', '--outputFile=test-results/jest.json', ...extra],
  { cwd: root, stdio: 'inherit', env: { ...process.env, KNM_CHROMIUM: chromium ?? '' } },
);
process.exit(r.status ?? 1);
