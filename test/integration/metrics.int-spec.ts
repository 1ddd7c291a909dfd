import { ApiRoutes, NodeListResponse, TaskResponse } from '@knm/contracts';
import { startKubeSim, type KubeSim } from '../../apps/kube-sim/src';
import { apiClient, ApiProcess, startApi, waitFor } from '../harness';

/** `GET /metrics` reports product state next to the process metrics: cluster leadership, cache sync, tasks. */
describe('product metrics', () => {
  let sim: KubeSim;
  let api: ApiProcess;
  let http: ReturnType<typeof apiClient>;
  const scrape = async () => (await fetch(`${api.url}/metrics`)).text();

  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 10, seed: 3, podsPerNode: 0 });
    api = await startApi();
    http = apiClient(api.url);
    expect((await http.post(ApiRoutes.clusters(), { name: 'sim', kubeconfig: sim.kubeconfig })).status).toBe(201);
    await waitFor('nodes cached', async () => (await http.get<NodeListResponse>(ApiRoutes.nodes('sim'))).body?.total === 10);
  });
  afterAll(async () => {
    await api?.stop();
    await sim?.stop();
  });

  it('shows this replica leading the cluster with a synced cache at the table seq', async () => {
    const text = await waitFor('synced gauge', async () => ((await scrape()).includes('knm_cluster_cache_synced{cluster="sim"} 1') ? scrape() : undefined));
    expect(text).toContain('knm_cluster_leader{cluster="sim"} 1');
    expect(text).toMatch(/knm_cluster_cache_seq\{cluster="sim"\} ([1-9]\d*)/);
  });

  it('counts tasks by kind and status', async () => {
    const nodes = sim.nodes.list().slice(0, 3).map((n) => n.metadata.name);
    const created = await http.post<TaskResponse>(ApiRoutes.clusterTasks('sim'), { kind: 'label', nodes, params: { set: { 'metrics.test/x': 'y' } } });
    expect(created.status).toBe(202);
    await waitFor('task end', async () => (await http.get<TaskResponse>(ApiRoutes.task(created.body.id))).body.status === 'succeeded');
    expect(await scrape()).toContain('knm_tasks{kind="label",status="succeeded"} 1');
  });
});
