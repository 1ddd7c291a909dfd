import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseManifests, SourcedManifest } from './k8s-schema';

/** True when `kubectl` runs here; the kustomize renders are skipped (and say so) otherwise. */
export const kubectlAvailable = spawnSync('kubectl', ['version', '--client'], { timeout: 10_000 }).status === 0;

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of `dir`, or null. */
export function kustomizationFile(dir: string): string | null {
  for (const name of KUSTOMIZATION_FILES) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

interface KustomizationRef {
  field: string;
  path: string;
  /** A directory holding a kustomization (resources may be either; components and bases must). */
  dirAllowed: boolean;
  fileAllowed: boolean;
}

type Fields = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isRemote = (p: string) => /^[a-z]+:\/\//i.test(p) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(p);

/** Every local path a kustomization names, with the field that names it (kustomize v5 fields). */
function referencesOf(k: Fields): KustomizationRef[] {
  const refs: KustomizationRef[] = [];
  const add = (field: string, path: unknown, dirAllowed: boolean, fileAllowed: boolean) => {
    // A string with a newline is an inline patch, not a path.
    if (typeof path === 'string' && !isRemote(path) && !path.includes('\n')) refs.push({ field, path, dirAllowed, fileAllowed });
  };
  list(k.resources).forEach((p, i) => add(`resources[${i}]`, p, true, true));
  list(k.bases).forEach((p, i) => add(`bases[${i}]`, p, true, false));
  list(k.components).forEach((p, i) => add(`components[${i}]`, p, true, false));
  for (const field of ['crds', 'patchesStrategicMerge', 'generators', 'transformers', 'validators']) {
    list(k[field]).forEach((p, i) => add(`${field}[${i}]`, p, field !== 'crds' && field !== 'patchesStrategicMerge', true));
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    list(k[field]).forEach((p, i) => add(`${field}[${i}].path`, (p as Fields | null)?.path, false, true));
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    list(k[field]).forEach((g, i) => {
      const gen = (g ?? {}) as Fields;
      list(gen.files).forEach((f, j) => add(`${field}[${i}].files[${j}]`, typeof f === 'string' ? f.slice(f.indexOf('=') + 1) : f, false, true));
      list(gen.envs).forEach((f, j) => add(`${field}[${i}].envs[${j}]`, f, false, true));
      add(`${field}[${i}].env`, gen.env, false, true);
    });
  }
  return refs;
}

/** What {@link checkKustomizationTree} found: violations, and every kustomization and file it used. */
export interface KustomizationTree {
  violations: string[];
  /** Kustomization directories reached, the root first. */
  dirs: string[];
  /** Files named under `resources` (full objects, validated on their own). */
  resourceFiles: string[];
  /** Every file named by any field (resources, patches, generators, ...). */
  referencedFiles: string[];
}

/**
 * Walks the kustomization at `root` and every kustomization it names (resources, bases,
 * components), checking that each named path exists and is of the right sort. A violation reads
 * `<kustomization file>: <field> refers to <path>, which does not exist` (paths relative to `base`).
 */
export function checkKustomizationTree(root: string, base: string): KustomizationTree {
  const tree: KustomizationTree = { violations: [], dirs: [], resourceFiles: [], referencedFiles: [] };
  const visit = (dir: string) => {
    if (tree.dirs.includes(dir)) return;
    tree.dirs.push(dir);
    const file = kustomizationFile(dir);
    if (!file) {
      tree.violations.push(`${relative(base, dir) || '.'}: no kustomization.yaml`);
      return;
    }
    const k = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Fields;
    for (const ref of referencesOf(k)) {
      const target = join(dir, ref.path);
      const at = `${relative(base, file)}: ${ref.field} refers to ${ref.path}`;
      if (!existsSync(target)) {
        tree.violations.push(`${at}, which does not exist`);
      } else if (statSync(target).isDirectory()) {
        if (!ref.dirAllowed) tree.violations.push(`${at}, a directory where a file is expected`);
        else visit(target);
      } else {
        if (!ref.fileAllowed) tree.violations.push(`${at}, a file where a kustomization directory is expected`);
        tree.referencedFiles.push(target);
        if (ref.field.startsWith('resources[')) tree.resourceFiles.push(target);
      }
    }
  };
  visit(root);
  return tree;
}

/** Output of `kubectl kustomize <dir>`: its objects, or kubectl's error text. */
export interface Render {
  ok: boolean;
  manifests: SourcedManifest[];
  stderr: string;
}

/** Runs `kubectl kustomize` on `dir` (labelled `label` in messages). */
export function kustomize(dir: string, label: string): Render {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return { ok: false, manifests: [], stderr: `${r.stderr ?? ''}${r.error?.message ?? ''}` };
  return { ok: true, manifests: parseManifests(r.stdout, `kubectl kustomize ${label}`), stderr: r.stderr };
}

/**
 * Renders a throwaway kustomization with the given resources and components (directories, which
 * kustomize wants as relative paths), as an operator composing an overlay would.
 */
export function kustomizeComposition(resources: string[], components: string[], label: string): Render {
  const dir = mkdtempSync(join(tmpdir(), 'knm-kustomize-'));
  try {
    const rel = (p: string) => relative(dir, p);
    const yaml = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      ...resources.map((r) => `  - ${rel(r)}`),
      'components:',
      ...components.map((c) => `  - ${rel(c)}`),
      '',
    ].join('\n');
    writeFileSync(join(dir, 'kustomization.yaml'), yaml);
    return kustomize(dir, label);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
