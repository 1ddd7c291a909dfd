import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading deploy/Dockerfile and the repo's build scripts, to check that the image is built with the
 * commands `npm start` uses. Only the Dockerfile syntax deploy/Dockerfile uses is understood:
 * instructions one per logical line (backslash continuations), shell-form RUN, exec-form CMD.
 */

/** One Dockerfile instruction: upper-case keyword and its raw arguments. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of a Dockerfile, comments dropped, continuation lines joined. */
export function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return logical.map((l) => {
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return { keyword: m[1].toUpperCase(), args: m[2].replace(/\s+/g, ' ') };
  });
}

/** The commands of shell-form RUN instructions, split on `&&` and `;`. */
export function runCommands(instructions: Instruction[]): string[] {
  return instructions
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => i.args.split(/&&|;/))
    .map((c) => c.trim())
    .filter(Boolean);
}

/** `NAME=value` pairs of ENV instructions (the `ENV a=b c=d` form). */
export function envOf(instructions: Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const i of instructions.filter((x) => x.keyword === 'ENV')) {
    for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(\S+)/g)) env.set(m[1], m[2]);
  }
  return env;
}

/** The script name of an `npm run <name>` command, or null for other commands. */
export function npmRunScript(command: string): string | null {
  return /^npm run(?:-script)? ([\w:.-]+)(?:\s|$)/.exec(command)?.[1] ?? null;
}

/**
 * The leaf commands a package.json script runs: `npm run x` steps are expanded through `scripts`,
 * recursively; `&&` separates steps. Throws on a script that does not exist, naming it.
 */
export function expandScript(name: string, scripts: Record<string, string>, seen: string[] = []): string[] {
  const body = scripts[name];
  if (body === undefined) throw new Error(`package.json has no script "${name}"`);
  if (seen.includes(name)) throw new Error(`package.json script "${name}" runs itself`);
  return body
    .split('&&')
    .map((c) => c.trim())
    .flatMap((c) => {
      const inner = npmRunScript(c);
      return inner ? expandScript(inner, scripts, [...seen, name]) : [c];
    });
}

/** The body of `export function <name>(...) {...}` in a module's source (up to the next top-level `}`). */
function functionBody(source: string, name: string): string {
  const start = source.indexOf(`export function ${name}(`);
  if (start < 0) throw new Error(`scripts/lib.mjs has no function ${name}`);
  const end = source.indexOf('\n}', start);
  return source.slice(start, end);
}

/**
 * The build commands `npm start` runs (scripts/start.mjs calls helpers of scripts/lib.mjs), as
 * shell commands: `node scripts/<x>.mjs` for a helper that runs a repo script with node, and
 * `ng build <project>` for one that runs the Angular CLI. Throws when start calls no build helper.
 */
export function startBuildCommands(startSource: string, libSource: string): string[] {
  const helpers = [...startSource.matchAll(/^(\w*build\w*)\(/gim)].map((m) => m[1]);
  if (!helpers.length) throw new Error('scripts/start.mjs calls no build helper');
  return helpers.map((h) => {
    const body = functionBody(libSource, h);
    const script = /'(scripts\/[\w-]+\.mjs)'/.exec(body)?.[1];
    if (script) return `node ${script}`;
    const ng = /ng\.js'\),\s*'build',\s*'([\w-]+)'/.exec(body)?.[1];
    if (ng) return `ng build ${ng}`;
    throw new Error(`cannot tell which command scripts/lib.mjs ${h}() runs`);
  });
}

/**
 * Packages the server imports at run time (value imports, not `import type`) from the sources the
 * server build compiles (scripts/build-server.mjs: apps/api, libs; without tests and `testing/`).
 */
export function serverRuntimePackages(root: string): Set<string> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'testing') walk(p);
      } else if (e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(e.name)) files.push(p);
    }
  };
  walk(join(root, 'apps/api/src'));
  for (const lib of readdirSync(join(root, 'libs'), { withFileTypes: true })) if (lib.isDirectory()) walk(join(root, 'libs', lib.name, 'src'));
  const packages = new Set<string>();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const imports = /^import (?!type\b)[^;]*?from '([^'.][^']*)'|^import '([^'.][^']*)'|(?:import|require)\('([^'.][^']*)'\)/gm;
    for (const m of src.matchAll(imports)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('node:') || spec.startsWith('@knm/')) continue;
      packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return packages;
}
