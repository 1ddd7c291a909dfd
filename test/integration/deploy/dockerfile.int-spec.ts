import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1ConfigMap, V1StatefulSet } from '@kubernetes/client-node';
import { envOf, expandScript, npmRunScript, parseDockerfile, runCommands, serverRuntimePackages, startBuildCommands } from './dockerfile';
import { readManifests } from './k8s-schema';
import { settingsFromReadme } from './manifest-checks';

const root = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
const instructions = parseDockerfile(read('deploy/Dockerfile'));
const commands = runCommands(instructions);
const base = (kind: string, file: string) => readManifests(join(root, 'deploy/base', file)).find((m) => m.object.kind === kind)!.object;

describe('deploy/Dockerfile', () => {
  it('every `npm run` it uses is a script of package.json', () => {
    const runs = commands.map(npmRunScript).filter((s): s is string => s !== null);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.filter((s) => !(s in pkg.scripts))).toEqual([]);
  });

  it('installs from the lockfile and builds with exactly the commands `npm start` runs', () => {
    expect(commands.filter((c) => c.startsWith('npm ci'))).toHaveLength(1);
    const built = commands.flatMap((c) => {
      const script = npmRunScript(c);
      return script ? expandScript(script, pkg.scripts) : [];
    });
    const started = startBuildCommands(read('scripts/start.mjs'), read('scripts/lib.mjs'));
    expect(started).toEqual(['node scripts/build-server.mjs', 'ng build console']);
    expect(built).toEqual(started);
  });

  it('runs the entry point `npm start` runs, with node itself (so SIGTERM reaches the server)', () => {
    const cmd = instructions.filter((i) => i.keyword === 'CMD').pop()!;
    const argv = JSON.parse(cmd.args) as string[];
    expect(argv[0]).toBe('node');
    const entry = argv[argv.length - 1];
    expect(entry).toBe('dist/server/apps/api/src/main.js');
    expect(read('scripts/start.mjs')).toContain(`'${entry}'`);
  });

  it('runs as the numeric non-root user the StatefulSet names', () => {
    const user = instructions.filter((i) => i.keyword === 'USER').pop()!.args;
    expect(user).toMatch(/^\d+:\d+$/);
    const [uid, gid] = user.split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    const sc = (base('StatefulSet', 'statefulset.yaml') as V1StatefulSet).spec!.template.spec!.securityContext!;
    expect([sc.runAsUser, sc.runAsGroup]).toEqual([uid, gid]);
  });

  it('sets only known settings, and the same port, host and data dir as the manifests', () => {
    const env = envOf(instructions);
    const known = settingsFromReadme(read('README.md'));
    expect([...env.keys()].filter((k) => k.startsWith('KNM_') && !known.has(k))).toEqual([]);
    const data = (base('ConfigMap', 'configmap.yaml') as V1ConfigMap).data!;
    for (const key of ['KNM_PORT', 'KNM_HOST', 'KNM_DATA_DIR']) expect({ key, value: env.get(key) }).toEqual({ key, value: data[key] });
    expect(instructions.find((i) => i.keyword === 'EXPOSE')?.args).toBe(data.KNM_PORT);
    const workdir = instructions.filter((i) => i.keyword === 'WORKDIR').pop()!.args;
    expect(env.get('KNM_CONSOLE_DIR')).toBe(`${workdir}/dist/console/browser`);
    expect(read('scripts/lib.mjs')).toContain("'dist/console/browser'");
  });

  it('every package the server imports at run time survives `npm prune --omit=dev`', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
    const pruned = [...serverRuntimePackages(root)].filter((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      return !entry || entry.dev === true;
    });
    expect(serverRuntimePackages(root).has('@nestjs/core')).toBe(true);
    expect(pruned).toEqual([]);
  });
});
