import { ApiRoutes, ClusterResponse, NodeListResponse } from '@knm/contracts';
import { waitFor } from '../../harness';
import { NodesFixture, registerSim, startNodesFixture } from './nodes-fixture';

jest.setTimeout(90_000);

const CLUSTER = 'sim';

describe('informer recovery (kube-sim faults, real API process)', () => {
  let f: NodesFixture;

  beforeAll(async () => {
    f = await startNodesFixture({ nodes: 25, podsPerNode: 0 });
    await registerSim(f, CLUSTER);
  });
  afterAll(async () => {
    await f?.stop();
  });

  /** name -> labels, unschedulable, readiness as the API reports them. */
  async function apiView(): Promise<string> {
    const res = await f.client.get<NodeListResponse>(`${ApiRoutes.nodes(CLUSTER)}?limit=1000`);
    return JSON.stringify(res.body.items.map((n) => [n.name, n.labels, n.unschedulable, n.readiness, n.taints.map((t) => `${t.key}:${t.effect}`).sort()]));
  }

  /** The same view computed from the simulator's own objects. */
  function simView(): string {
    return JSON.stringify(
      f.sim.nodes.list().map((n) => {
        const ready = n.status.conditions.find((c) => c.type === 'Ready')?.status;
        const readiness = ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown';
        return [n.metadata.name, n.metadata.labels ?? {}, n.spec.unschedulable === true, readiness, (n.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort()];
      }),
    );
  }

  const status = async () => (await f.client.get<ClusterResponse>(ApiRoutes.cluster(CLUSTER))).body.status;

  it('converges on the simulator after an outage in which watches were dropped, history expired and nodes changed and vanished', async () => {
    await waitFor('initial convergence', async () => (await apiView()) === simView());
    const [a, b, gone] = f.sim.nodes.list().map((n) => n.metadata.name!);
    f.sim.faults.set({ errorRate500: 1 });
    f.sim.faults.dropWatches('reset');
    await waitFor('cluster reported not synced', async () => ((await status()) !== 'synced' ? true : undefined));
    f.sim.nodes.setLabels(a, { 'knm.test/outage': 'changed' });
    f.sim.nodes.modify(b, (n) => void (n.spec.unschedulable = true));
    f.sim.nodes.delete(gone);
    f.sim.faults.compactHistory();
    f.sim.faults.set({ errorRate500: 0 });
    await waitFor('cluster synced again', async () => ((await status()) === 'synced' ? true : undefined), 60_000);
    await waitFor('API equals simulator', async () => (await apiView()) === simView(), 30_000);
    const names = JSON.parse(await apiView()).map((row: unknown[]) => row[0]);
    expect(names).not.toContain(gone);
  });

  it('relists and converges when a resumed watch is answered 410 Gone', async () => {
    f.sim.faults.forceGone(1);
    f.sim.faults.dropWatches('close');
    const name = f.sim.nodes.list()[5].metadata.name!;
    f.sim.nodes.setLabels(name, { 'knm.test/after-gone': 'yes' });
    f.sim.nodes.setReady(f.sim.nodes.list()[6].metadata.name!, 'False');
    await waitFor('API equals simulator', async () => (await apiView()) === simView(), 30_000);
    expect(f.sim.faults.get().forceGoneOnNextWatches).toBe(0);
  });

  it('keeps following changes after periodic watch drops', async () => {
    f.sim.faults.set({ dropWatchesEverySeconds: 1, dropWatchMode: 'reset' });
    try {
      for (let i = 0; i < 3; i++) {
        const name = f.sim.nodes.list()[i + 8].metadata.name!;
        f.sim.nodes.addTaint(name, { key: `knm.test/t${i}`, value: 'x', effect: 'NoSchedule' });
        await waitFor(`taint ${i} visible`, async () => (await apiView()) === simView(), 30_000);
      }
    } finally {
      f.sim.faults.set({ dropWatchesEverySeconds: 0 });
    }
  });
});
