import { startKubeSim, type KubeSim } from '../src';
import { busiestWorker, controlPlaneNode, evictions429, ownerKind } from './fixtures';
import { waitFor } from '@test/harness';
import { kubectl, kubectlAvailable, request } from './helpers';

jest.setTimeout(120_000);

const describeKubectl = kubectlAvailable() ? describe : describe.skip;
if (!kubectlAvailable()) process.stdout.write('kube-sim kubectl tests skipped: kubectl is not on PATH\n');

const SIM = { nodes: 30, seed: 'kubectl-tests', timeFactor: 0.02 };

describeKubectl('kubectl against kube-sim', () => {
  let sim: KubeSim;
  beforeEach(async () => {
    sim = await startKubeSim(SIM);
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('get nodes lists every node with status columns', async () => {
    const out = await kubectl(sim.kubeconfigPath, ['get', 'nodes', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name']);
    expect(out.stdout.trim().split('\n').sort()).toEqual(sim.nodes.list().map((n) => n.metadata.name).sort());
  });

  it('get nodes prints the server-side table columns', async () => {
    const out = await kubectl(sim.kubeconfigPath, ['get', 'nodes']);
    expect(out.stdout.split('\n')[0].split(/\s+/)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
  });

  it('get pods -A --field-selector spec.nodeName lists exactly the pods on that node', async () => {
    const node = busiestWorker(sim).metadata.name;
    const out = await kubectl(sim.kubeconfigPath, ['get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '--no-headers']);
    const names = out.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 2).join('/'));
    expect(names.sort()).toEqual(sim.pods.list({ nodeName: node }).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort());
  });

  it('label sets a node label', async () => {
    const node = busiestWorker(sim).metadata.name;
    expect((await kubectl(sim.kubeconfigPath, ['label', 'node', node, 'team=storage'])).code).toBe(0);
    expect(sim.nodes.get(node)?.metadata.labels?.team).toBe('storage');
  });

  it('taint adds a taint and taint- removes it', async () => {
    const node = busiestWorker(sim).metadata.name;
    await kubectl(sim.kubeconfigPath, ['taint', 'node', node, 'dedicated=db:NoSchedule']);
    expect(sim.nodes.get(node)?.spec.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    await kubectl(sim.kubeconfigPath, ['taint', 'node', node, 'dedicated=db:NoSchedule-']);
    expect(sim.nodes.get(node)?.spec.taints ?? []).toEqual([]);
  });

  it('cordon sets spec.unschedulable and the controller adds the unschedulable taint', async () => {
    const node = busiestWorker(sim).metadata.name;
    expect((await kubectl(sim.kubeconfigPath, ['cordon', node])).code).toBe(0);
    expect(sim.nodes.get(node)?.spec.unschedulable).toBe(true);
    await waitFor('unschedulable taint', () => sim.nodes.get(node)?.spec.taints?.some((t) => t.key === 'node.kubernetes.io/unschedulable'));
  });

  it('uncordon clears spec.unschedulable and the controller removes the taint', async () => {
    const node = busiestWorker(sim).metadata.name;
    await kubectl(sim.kubeconfigPath, ['cordon', node]);
    await waitFor('unschedulable taint', () => sim.nodes.get(node)?.spec.taints?.length === 1);
    expect((await kubectl(sim.kubeconfigPath, ['uncordon', node])).code).toBe(0);
    await waitFor('taint removal', () => !sim.nodes.get(node)?.spec.taints?.length && !sim.nodes.get(node)?.spec.unschedulable);
  });

  it('drain evicts every evictable pod and leaves DaemonSet pods', async () => {
    const node = busiestWorker(sim).metadata.name;
    const out = await kubectl(sim.kubeconfigPath, ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=60s']);
    expect(out.code).toBe(0);
    const left = sim.pods.list({ nodeName: node });
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((p) => ownerKind(p) === 'DaemonSet')).toBe(true);
  });

  it('drain of a control-plane node leaves mirror pods untouched', async () => {
    const node = controlPlaneNode(sim).metadata.name;
    const mirrors = (): string[] => sim.pods.list({ nodeName: node }).filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']).map((p) => p.metadata.uid).sort();
    const before = mirrors();
    const out = await kubectl(sim.kubeconfigPath, ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=60s']);
    expect(out.code).toBe(0);
    expect(before.length).toBe(4);
    expect(mirrors()).toEqual(before);
  });

  it('drain without --ignore-daemonsets fails naming the DaemonSet-managed pods', async () => {
    const node = busiestWorker(sim).metadata.name;
    const before = sim.pods.list({ nodeName: node }).length;
    const out = await kubectl(sim.kubeconfigPath, ['drain', node, '--delete-emptydir-data', '--timeout=60s']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)');
    expect(sim.pods.list({ nodeName: node }).length).toBe(before);
  });

  it('drain blocked by a PodDisruptionBudget retries and finishes once the budget allows', async () => {
    const node = busiestWorker(sim).metadata.name;
    const covered = new Set(sim.podDisruptionBudgets.list().map((b) => `${b.metadata.namespace}/${JSON.stringify(b.spec.selector?.matchLabels)}`));
    const victim = sim.pods.list({ nodeName: node }).find((p) => ownerKind(p) === 'ReplicaSet' && !covered.has(`${p.metadata.namespace}/${JSON.stringify({ app: p.metadata.labels?.app })}`));
    expect(victim).toBeDefined();
    const ns = victim?.metadata.namespace as string;
    const app = victim?.metadata.labels?.app as string;
    const replicas = sim.pods.list({ namespace: ns }).filter((p) => p.metadata.labels?.app === app).length;
    const pdbUrl = `${sim.url}/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`;
    const created = await request(pdbUrl, { method: 'POST', body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'block' }, spec: { minAvailable: replicas, selector: { matchLabels: { app } } } } });
    expect(created.status).toBe(201);
    const blockedBefore = evictions429(sim);
    const drain = kubectl(sim.kubeconfigPath, ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=90s']);
    await waitFor('an eviction refused by the budget', () => evictions429(sim) > blockedBefore, 60_000);
    await request(`${pdbUrl}/block`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { spec: { minAvailable: 0 } } });
    const out = await drain;
    expect(out.code).toBe(0);
    expect(sim.pods.get(ns, victim?.metadata.name as string)).toBeUndefined();
  });
});
