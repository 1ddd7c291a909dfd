import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const ESLINT = join(root, 'node_modules/eslint/bin/eslint.js');

/** The lib DAG the config is generated from: lib -> libs it may import. */
const DAG = JSON.parse(readFileSync(join(root, 'libs/dependencies.json'), 'utf8')) as Record<string, string[]>;
const LIBS = Object.keys(DAG);

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints a fixture's text with the repo's own eslint.config.mjs, as if it stood at `asPath`. */
function lintAs(fixture: string, asPath: string): { status: number | null; messages: LintMessage[] } {
  const text = readFileSync(join(root, 'test/fixtures/lint', fixture), 'utf8');
  const r = spawnSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', asPath], { cwd: root, input: text, encoding: 'utf8' });
  const [result] = JSON.parse(r.stdout) as { messages: LintMessage[] }[];
  return { status: r.status, messages: result.messages };
}

type RuleEntry = [number, { patterns: { group: string[] }[] }?];

/** The rules the repo's config applies to each file (ESLint's calculateConfigForFile). */
function rulesFor(files: string[]): Record<string, Record<string, RuleEntry>> {
  const script = `const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
      const out = {};
      for (const f of ${JSON.stringify(files)}) out[f] = (await eslint.calculateConfigForFile(f)).rules;
      process.stdout.write(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

/** The @knm specifiers a `no-restricted-imports` entry forbids. */
const forbiddenBy = (entry: RuleEntry | undefined): Set<string> => new Set((entry?.[1]?.patterns ?? []).flatMap((p) => p.group).filter((g) => /^@knm\/[a-z-]+$/.test(g)));

describe('lint rules enforce the lib dependency DAG', () => {
  it('fail a forbidden import between libs (fixture: smart-cache importing batch)', () => {
    const { status, messages } = lintAs('forbidden-lib-import.ts', 'libs/smart-cache/src/lint-fixture.ts');
    expect(status).toBe(1);
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining("'@knm/batch' import is restricted") })]);
  });

  it('fail a relative import reaching into another lib (fixture)', () => {
    const { status, messages } = lintAs('relative-escape.ts', 'libs/informer/src/lint-fixture.ts');
    expect(status).toBe(1);
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'knm/relative-import-boundary' })]);
  });

  it('pass an import the DAG allows (fixture: smart-cache importing cluster)', () => {
    expect(lintAs('allowed-lib-import.ts', 'libs/smart-cache/src/lint-fixture.ts')).toEqual({ status: 0, messages: [] });
  });

  it('cover every lib folder, and the DAG has no cycle', () => {
    const folders = readdirSync(join(root, 'libs'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !LIBS.includes(f))).toEqual([]);
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (lib: string, path: string[]): void => {
      if (done.has(lib)) return;
      if (visiting.has(lib)) throw new Error(`cycle: ${[...path, lib].join(' -> ')}`);
      visiting.add(lib);
      for (const dep of DAG[lib] ?? []) visit(dep, [...path, lib]);
      visiting.delete(lib);
      done.add(lib);
    };
    expect(() => LIBS.forEach((l) => visit(l, []))).not.toThrow();
    expect(LIBS.flatMap((l) => DAG[l]).filter((dep) => !LIBS.includes(dep))).toEqual([]);
  });

  it("are what the repo's config applies to every lib's files, the fixtures' paths included", () => {
    const files = LIBS.map((l) => `libs/${l}/src/index.ts`);
    const rules = rulesFor([...files, 'libs/smart-cache/src/lint-fixture.ts']);
    for (const lib of LIBS) {
      const forbidden = forbiddenBy(rules[`libs/${lib}/src/index.ts`]['no-restricted-imports']);
      const expected = LIBS.filter((l) => !DAG[lib].includes(l)).map((l) => `@knm/${l}`);
      expect({ lib, forbidden: [...forbidden].sort() }).toEqual({ lib, forbidden: expected.sort() });
      expect(rules[`libs/${lib}/src/index.ts`]['knm/relative-import-boundary']).toEqual([2]);
    }
    expect(rules['libs/smart-cache/src/lint-fixture.ts']['no-restricted-imports']).toEqual(rules['libs/smart-cache/src/index.ts']['no-restricted-imports']);
  });
});
