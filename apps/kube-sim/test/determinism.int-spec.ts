import { startKubeSim, type KubeSim, type KubeSimOptions, type Pod } from '../src';
import { busiestWorker, deleteAllBudgets } from './fixtures';
import { waitFor } from '@test/harness';
import { request } from './helpers';

jest.setTimeout(120_000);

const LISTS = [
  '/api/v1/nodes', '/api/v1/namespaces', '/api/v1/pods', '/apis/apps/v1/daemonsets', '/apis/apps/v1/deployments', '/apis/apps/v1/replicasets',
  '/apis/apps/v1/statefulsets', '/apis/policy/v1/poddisruptionbudgets', '/apis/coordination.k8s.io/v1/leases',
];

/** Every generated object of a simulator, as the API serves it. */
async function everything(sim: KubeSim): Promise<string> {
  const lists = await Promise.all(LISTS.map(async (path) => JSON.stringify((await request(`${sim.url}${path}`)).body.items)));
  return lists.join('\n');
}

describe('kube-sim determinism', () => {
  const sims: KubeSim[] = [];
  const start = async (options: KubeSimOptions): Promise<KubeSim> => {
    const sim = await startKubeSim(options);
    sims.push(sim);
    return sim;
  };
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.stop()));
  });
  const options: KubeSimOptions = { nodes: 40, seed: 'twins', referenceTime: '2026-06-01T12:00:00Z', timeFactor: 0.01, kubernetesVersion: 'v1.31.6', zones: 2 };

  it('two simulators with the same seed and options serve identical nodes, pods, workloads, budgets and leases', async () => {
    const [a, b] = [await start(options), await start(options)];
    const [left, right] = [await everything(a), await everything(b)];
    expect(left.length).toBeGreaterThan(100_000);
    expect(left === right).toBe(true);
  });

  it('a different seed gives a different cluster', async () => {
    const [a, b] = [await start(options), await start({ ...options, seed: 'other' })];
    expect(a.nodes.list().map((n) => n.metadata.name)).not.toEqual(b.nodes.list().map((n) => n.metadata.name));
  });

  it('the same drain gives the same replacements (names, uids, nodes) whatever order the pods are evicted in', async () => {
    const [a, b] = [await start(options), await start(options)];
    const node = busiestWorker(a).metadata.name;
    const drainNode = async (sim: KubeSim, reverse: boolean): Promise<void> => {
      await deleteAllBudgets(sim);
      await request(`${sim.url}/api/v1/nodes/${node}`, { method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: { spec: { unschedulable: true } } });
      const pods = sim.pods.list({ nodeName: node }).filter((p) => p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet');
      for (const p of reverse ? pods.reverse() : pods) {
        await request(`${sim.url}/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}/eviction`, { method: 'POST', body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata.name, namespace: p.metadata.namespace } } });
      }
    };
    await Promise.all([drainNode(a, false), drainNode(b, true)]);
    const settled = (sim: KubeSim): boolean => sim.pods.list({ nodeName: node }).every((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet') && sim.pods.list().every((p) => p.status.phase !== 'Pending' || !p.spec.nodeName);
    await waitFor('both drains settled', () => settled(a) && settled(b) && a.pods.list().length === b.pods.list().length);
    const placement = (sim: KubeSim): string[] => sim.pods.list().map((p: Pod) => `${p.metadata.namespace}/${p.metadata.name} ${p.metadata.uid} ${p.spec.nodeName ?? '-'}`);
    expect(placement(a)).toEqual(placement(b));
    expect(a.stats().disruptions.evictions.allowed).toBeGreaterThan(5);
  });
});
