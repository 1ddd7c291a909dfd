#!/usr/bin/env node
// Compiles the server side (apps/api, apps/kube-sim, apps/cli, libs/*) to CommonJS under dist/server with swc,
// keeping the source tree's layout and rewriting @knm/* aliases to relative paths.
// Type checking is `npm run typecheck` (tsc); swc only transpiles, so a build takes seconds.
// Why not `nest build`: @nestjs/cli 12's schematics need Node >= 22.12 and this project targets Node 20.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/server');
const roots = ['apps/api/src', 'apps/kube-sim/src', 'apps/cli/src', ...(await readdir(join(root, 'libs'))).map((l) => `libs/${l}/src`)];

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    // `testing/` holds test-only helpers (fakes, fixtures); they never ship in the server build.
    if (e.isDirectory()) {
      if (e.name !== 'testing') yield* walk(p);
    }
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name)) yield p;
  }
}

const options = (file) => ({
  filename: file,
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: { '@knm/*': ['libs/*/src/index.ts'] },
  },
  module: { type: 'commonjs', ignoreDynamic: true },
});

await rm(out, { recursive: true, force: true });
let count = 0;
const started = Date.now();
for (const r of roots) {
  for await (const file of walk(join(root, r))) {
    const { code, map } = await transformFile(file, options(file));
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
    count++;
  }
}
console.log(`build:server: ${count} files -> ${relative(root, out)} in ${Date.now() - started} ms`);
