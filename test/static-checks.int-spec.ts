import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = (p: string) => join(root, 'node_modules', p);

function runNode(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { status: r.status, output: (r.stdout + r.stderr).trim() };
}

/**
 * Static checks are part of `npm test` as counted tests, so one type error or lint error fails
 * one test with its message, instead of stopping the run before anything else is tested.
 */
describe('static checks', () => {
  it.each([
    ['server, libs and tests', 'tsconfig.json'],
    ['console', 'apps/console/tsconfig.app.json'],
  ])('%s type-check strictly without errors', (_what, project) => {
    const r = runNode([bin('typescript/bin/tsc'), '-p', project, '--noEmit', '--pretty', 'false']);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('the whole tree passes ESLint', () => {
    const r = runNode([bin('eslint/bin/eslint.js'), '.', '--max-warnings', '0']);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });
});
