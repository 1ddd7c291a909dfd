// The lib dependency DAG as ESLint configuration: for every lib in libs/dependencies.json, a
// `no-restricted-imports` rule naming the @knm libs it may NOT import, plus the relative-import
// boundary. docs/architecture.md explains the DAG; test/lint-rules.int-spec.ts checks that this
// is what the repo's config applies and that a forbidden import fails.
import { readFileSync } from 'node:fs';
import relativeImportBoundary from './relative-import-boundary.mjs';

/** lib -> the libs it may import. */
export const LIB_DEPENDENCIES = JSON.parse(readFileSync(new URL('../../libs/dependencies.json', import.meta.url), 'utf8'));

/** What each app may import (null = every lib). */
const APP_DEPENDENCIES = { api: null, console: ['contracts'], 'kube-sim': ['contracts'] };

const LIBS = Object.keys(LIB_DEPENDENCIES);
const TEST_GLOBS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**/*.ts', '**/test/**/*.ts'];
const FRAMEWORKS = {
  group: ['@nestjs/*', '@angular/*', 'typeorm'],
  message: 'libs/contracts is plain TypeScript shared with the console: no Nest, Angular or TypeORM',
};

const list = (libs) => (libs.length ? libs.map((l) => `@knm/${l}`).join(', ') : 'no other lib');

/** `no-restricted-imports` patterns for code in `owner` that may import `allowed` (null = any lib). */
function patterns(owner, allowed, forTests) {
  const out = [];
  const self = owner.startsWith('libs/') ? owner.slice('libs/'.length) : null;
  if (self) out.push({ group: [`@knm/${self}`, `@knm/${self}/*`], message: `inside ${owner}, import its own files by relative path` });
  const forbidden = allowed === null ? [] : LIBS.filter((l) => l !== self && !allowed.includes(l));
  if (forbidden.length) {
    out.push({
      group: forbidden.flatMap((l) => [`@knm/${l}`, `@knm/${l}/*`]),
      message: `${owner} may import only ${list(allowed)} (lib DAG: libs/dependencies.json, docs/architecture.md)`,
    });
  }
  out.push(
    forTests
      ? { group: ['@knm/*/*', '!@knm/*/testing'], message: 'import a lib through its index (@knm/<lib>) or its test helpers (@knm/<lib>/testing)' }
      : { group: ['@knm/*/*'], message: 'import a lib through its index (@knm/<lib>); @knm/<lib>/testing is for tests only' },
  );
  if (owner === 'libs/contracts') out.push(FRAMEWORKS);
  return out;
}

/** One config block for the sources of `dir` and one for its tests (which may use test helpers). */
function blocks(dir, allowed) {
  return [
    { files: [`${dir}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: patterns(dir, allowed, false) }] } },
    { files: TEST_GLOBS.map((g) => `${dir}/${g}`), rules: { 'no-restricted-imports': ['error', { patterns: patterns(dir, allowed, true) }] } },
  ];
}

/** Flat-config blocks enforcing the DAG for every lib and app, and the relative-import boundary. */
export function libBoundaryConfigs() {
  return [
    ...Object.entries(LIB_DEPENDENCIES).flatMap(([lib, allowed]) => blocks(`libs/${lib}`, allowed)),
    ...Object.entries(APP_DEPENDENCIES).flatMap(([app, allowed]) => blocks(`apps/${app}`, allowed)),
    {
      files: ['libs/**/*.ts', 'apps/**/*.ts'],
      plugins: { knm: { rules: { 'relative-import-boundary': relativeImportBoundary } } },
      rules: { 'knm/relative-import-boundary': 'error' },
    },
  ];
}
