import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiRoutes, ClusterResponse, NodeListResponse } from '@knm/contracts';
import { startKubeSim, type KubeSim } from '../../../apps/kube-sim/src';
import { apiClient, ApiProcess, RealtimeClient, startApi, waitFor } from '../../harness';

jest.setTimeout(90_000);

describe('API restart on the same database', () => {
  let sim: KubeSim;
  let api: ApiProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'knm-restart-'));

  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 10, seed: 3, port: 0, podsPerNode: 0 });
  });
  afterAll(async () => {
    await api?.stop();
    await sim?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const synced = (client: ReturnType<typeof apiClient>) =>
    waitFor('synced', async () => ((await client.get<ClusterResponse>(ApiRoutes.cluster('sim'))).body.status === 'synced' ? true : undefined));

  it('watches the stored cluster again (decrypting its kubeconfig) and continues the change seq', async () => {
    api = await startApi({ dataDir });
    let client = apiClient(api.url);
    expect((await client.post(ApiRoutes.clusters(), { name: 'sim', kubeconfig: sim.kubeconfig })).status).toBe(201);
    await synced(client);
    const seqBefore = (await client.get<NodeListResponse>(ApiRoutes.nodes('sim'))).body.seq;
    expect(seqBefore).toBe(10);
    await api.stop();

    api = await startApi({ dataDir });
    client = apiClient(api.url);
    await synced(client);
    expect((await client.get<NodeListResponse>(ApiRoutes.nodes('sim'))).body).toMatchObject({ total: 10, seq: seqBefore });

    const socket = new RealtimeClient(api.url);
    try {
      await socket.connected();
      await socket.subscribeCluster('sim');
      const name = sim.nodes.list()[0].metadata.name!;
      sim.nodes.setLabels(name, { 'knm.test/after-restart': 'yes' });
      const event = await waitFor('node:changed', () => socket.nodeChanges.find((e) => e.name === name));
      expect(event.seq).toBe(seqBefore + 1);
    } finally {
      socket.close();
    }
  });
});
