import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationTableRows } from './configuration-table';
import { metaOf, SETTING_NAMES } from './settings.schema';

const README = join(__dirname, '..', '..', '..', '..', 'README.md');

/** The rows of README.md's configuration table (`| \`KNM_...` lines of the "## Configuration" section). */
function readmeRows(): string[] {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## Configuration'), text.indexOf('\n## ', text.indexOf('## Configuration') + 1));
  return section.split('\n').filter((line) => line.startsWith('| `KNM_'));
}

describe('README configuration table', () => {
  it('is the table the settings schema generates (update README.md with the expected rows)', () => {
    expect(readmeRows()).toEqual(configurationTableRows());
  });

  it('names every setting by a distinct KNM_ variable', () => {
    const envs = SETTING_NAMES.map((n) => metaOf(n).env);
    expect(new Set(envs).size).toBe(envs.length);
    expect(envs.every((e) => /^KNM_[A-Z0-9_]+$/.test(e))).toBe(true);
  });
});
