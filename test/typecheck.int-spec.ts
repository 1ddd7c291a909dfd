import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** Type-checking is part of `npm test` as counted tests, so one type error fails one test, not the whole run. */
describe('strict type-check', () => {
  it.each([
    ['server, libs and tests', 'tsconfig.json'],
    ['console', 'apps/console/tsconfig.app.json'],
  ])('%s type-check without errors', (_what, project) => {
    const r = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
