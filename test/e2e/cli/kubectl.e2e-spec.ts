import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ApiRoutes, type NodeDetailResponse } from '@knm/contracts';
import { REPO_ROOT, waitFor } from '../../harness';
import { CLUSTER, startTaskTestEnv, type TaskTestEnv } from '../tasks/task-test-env';
import { CliHome } from './cli-process';

const kubectlOnPath = spawnSync('kubectl', ['version', '--client'], { timeout: 10_000 }).status === 0;
if (!kubectlOnPath) process.stderr.write('kubectl is not on PATH: skipping the knm-versus-kubectl and kubectl plugin tests\n');
const itWithKubectl = kubectlOnPath ? it : it.skip;

/** knm next to kubectl: the same node table, the kubectl plugin, clusters from a local kubeconfig. */
describe('knm and kubectl', () => {
  let env: TaskTestEnv;
  const home = new CliHome();
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 20 });
  });
  afterAll(async () => {
    await env?.stop();
    home.remove();
  });

  /** kubectl runs as a child without blocking this process, which serves kube-sim. */
  const kubectlGetNodes = async (wide: string[]): Promise<string> => {
    const r = await home.run(['--kubeconfig', env.sim.kubeconfigPath, 'get', 'nodes', ...wide], {}, 'kubectl');
    if (r.code !== 0) throw new Error(`kubectl get nodes failed: ${r.stderr}`);
    return r.stdout;
  };

  /**
   * knm's table taken between two identical kubectl tables: AGE is computed by each side at its own
   * instant, and equal kubectl tables before and after prove no AGE changed in between (else once more).
   */
  async function tablesAtOneAge(wide: string[]) {
    for (;;) {
      const before = await kubectlGetNodes(wide);
      const knm = await home.run(['nodes', 'ls', '-c', CLUSTER, ...wide], { KNM_SERVER: env.api.url });
      if ((await kubectlGetNodes(wide)) === before) return { knm, kubectl: before };
    }
  }

  itWithKubectl('nodes ls and -o wide print exactly what kubectl get nodes prints, cordoned and NotReady nodes included', async () => {
    // Ready=Unknown is left out: kube-sim's printer says "Unknown" where Kubernetes' printNode says
    // "NotReady" (pkg/printers/internalversion/printers.go); knm follows Kubernetes (unit-tested),
    // so the generated nodes with Ready=Unknown are made NotReady (False) here.
    const unknown = env.sim.nodes.list().filter((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown').map((n) => n.metadata.name);
    const [cordoned, notReady] = env.nodeNames.filter((n) => !unknown.includes(n));
    env.sim.nodes.modify(cordoned, (n) => (n.spec = { ...n.spec, unschedulable: true }));
    for (const n of [notReady, ...unknown]) env.sim.nodes.setReady(n, 'False');
    await waitFor('the API cache to see the changes', async () => {
      const get = async (n: string) => (await env.http.get<NodeDetailResponse>(ApiRoutes.node(CLUSTER, n))).body;
      if (!(await get(cordoned)).unschedulable) return false;
      for (const n of [notReady, ...unknown]) if ((await get(n)).readiness !== 'NotReady') return false;
      return true;
    });
    for (const wide of [[], ['-o', 'wide']]) {
      const { knm, kubectl } = await tablesAtOneAge(wide);
      expect(knm.code).toBe(0);
      expect(knm.stdout).toContain('Ready,SchedulingDisabled');
      expect(knm.stdout).toContain('NotReady');
      expect(knm.stdout).toBe(kubectl);
    }
  });

  itWithKubectl('an executable kubectl-knm on PATH makes `kubectl knm` work (help and a real command)', async () => {
    const path = { PATH: `${join(REPO_ROOT, 'scripts')}:${process.env.PATH ?? ''}` };
    const help = await home.run(['knm', '--help'], path, 'kubectl');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kubectl knm \[options\] \[command\]/);
    const names = await home.run(['knm', 'nodes', 'ls', '-c', CLUSTER, '-o', 'name'], { ...path, KNM_SERVER: env.api.url }, 'kubectl');
    expect(names.code).toBe(0);
    expect(names.stdout.trim().split('\n')).toEqual(env.nodeNames.map((n) => `node/${n}`).sort());
    const bad = await home.run(['knm', 'taint', env.nodeNames[0], 'x=y:Sometimes', '-c', CLUSTER], { ...path, KNM_SERVER: env.api.url }, 'kubectl');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: invalid taint spec: x=y:Sometimes, /);
  });

  it('clusters add reads the kubeconfig on this machine and sends its text; ls shows the cluster; rm removes it', async () => {
    const api = { KNM_SERVER: env.api.url };
    const added = await home.run(['clusters', 'add', 'sim-two', '--kubeconfig', env.sim.kubeconfigPath], api);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^cluster\/sim-two registered \(server http:\/\/127\.0\.0\.1:\d+, context \S+, \d+ nodes\)\n$/);
    const listed = await home.run(['clusters', 'ls'], api);
    expect(listed.stdout).toMatch(/^NAME {6}SERVER/);
    expect(listed.stdout).toMatch(/\nsim-two {3}http:\/\/127\.0\.0\.1:\d+ {3}/);
    expect((await home.run(['clusters', 'rm', 'sim-two'], api)).stdout).toBe('cluster/sim-two deleted\n');
    const again = await home.run(['clusters', 'rm', 'sim-two'], api);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/\(404 CLUSTER_NOT_FOUND, request id \S+\)/);
    const missing = await home.run(['clusters', 'add', 'sim-three', '--kubeconfig', join(home.dir, 'absent')], api);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`error: cannot read kubeconfig ${join(home.dir, 'absent')}: ENOENT\n`);
  });
});
