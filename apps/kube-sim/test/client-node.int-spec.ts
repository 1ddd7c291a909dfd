import { ApiException, CoreV1Api, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions, type V1Node } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '../src';
import { busiestWorker, ownerKind } from './fixtures';
import { waitFor } from '@test/harness';
import { request } from './helpers';

jest.setTimeout(120_000);

describe('@kubernetes/client-node against kube-sim', () => {
  let sim: KubeSim;
  let api: CoreV1Api;
  let kc: KubeConfig;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 25, seed: 'client-node-tests', timeFactor: 0.01 });
    kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    api = kc.makeApiClient(CoreV1Api);
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('lists nodes', async () => {
    const list = await api.listNode();
    expect(list.items.map((n) => n.metadata?.name)).toEqual(sim.nodes.list().map((n) => n.metadata.name));
  });

  it('patches a node with a merge patch', async () => {
    const name = sim.nodes.list()[4].metadata.name;
    await api.patchNode({ name, body: { metadata: { labels: { patched: 'true' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(sim.nodes.get(name)?.metadata.labels?.patched).toBe('true');
  });

  it('gets 429 from createNamespacedPodEviction while a PodDisruptionBudget forbids it', async () => {
    const pod = sim.pods.list({ nodeName: busiestWorker(sim).metadata.name }).find((p) => ownerKind(p) === 'ReplicaSet');
    const ns = pod?.metadata.namespace as string;
    const name = pod?.metadata.name as string;
    const labels = { 'pod-template-hash': pod?.metadata.labels?.['pod-template-hash'] as string };
    for (const b of sim.podDisruptionBudgets.list(ns)) await request(`${sim.url}/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${b.metadata.name}`, { method: 'DELETE' });
    await request(`${sim.url}/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, { method: 'POST', body: { metadata: { name: 'all-needed' }, spec: { maxUnavailable: 0, selector: { matchLabels: labels } } } });
    let error: unknown;
    try {
      await api.createNamespacedPodEviction({ name, namespace: ns, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiException);
    const status = JSON.parse((error as ApiException<string>).body) as { reason: string; details: { causes: { message: string }[] } };
    expect([(error as ApiException<string>).code, status.reason]).toEqual([429, 'TooManyRequests']);
    expect(status.details.causes[0].message).toContain('all-needed');
  });

  it('keeps an informer in sync across dropped watches, a reset and forced 410s', async () => {
    const informer = makeInformer<V1Node>(kc, '/api/v1/nodes', () => api.listNode());
    let stopped = false;
    let restartTimer: NodeJS.Timeout | undefined;
    // client-node stops an informer for good on any non-410 error: restart it, with a pause.
    informer.on('error', () => {
      if (!stopped) restartTimer = setTimeout(() => void informer.start(), 100);
    });
    const cachedNames = (): string[] => informer.list().map((n) => n.metadata?.name as string).sort();
    const simNames = (): string[] => sim.nodes.list().map((n) => n.metadata.name).sort();
    const label = (name: string): string | undefined => informer.get(name)?.metadata?.labels?.step;
    try {
      await informer.start();
      await waitFor('initial sync', () => cachedNames().length === 25);
      const [a, b, c, d] = sim.nodes.list().map((n) => n.metadata.name);

      sim.faults.dropWatches('close');
      sim.nodes.setLabels(a, { step: 'after-close' });
      await waitFor('change after a clean drop', () => label(a) === 'after-close');

      sim.faults.dropWatches('reset');
      sim.nodes.setLabels(b, { step: 'after-reset' });
      await waitFor('change after a reset', () => label(b) === 'after-reset');

      sim.faults.forceGone(1);
      sim.faults.dropWatches('close');
      sim.nodes.delete(c);
      await waitFor('deletion seen after a forced 410', () => !cachedNames().includes(c));

      sim.faults.set({ watchHistorySize: 1 });
      sim.faults.dropWatches('close');
      sim.nodes.setLabels(d, { step: 'one' });
      sim.nodes.setLabels(d, { step: 'two' });
      sim.nodes.setLabels(a, { step: 'three' });
      await waitFor('changes after history ran out', () => label(d) === 'two' && label(a) === 'three');

      await waitFor('exact node set', () => JSON.stringify(cachedNames()) === JSON.stringify(simNames()));
    } finally {
      stopped = true;
      clearTimeout(restartTimer);
      await informer.stop();
    }
  });
});
