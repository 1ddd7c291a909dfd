import { ApiRoutes, NodeListResponse, TaskResponse, TERMINAL_TASK_STATUSES } from '@knm/contracts';
import { startKubeSim, type KubeSim } from '../../apps/kube-sim/src';
import { apiClient, ApiProcess, startApi, waitFor } from '../harness';

/**
 * Batch task throughput on kube-sim with 20 ms added latency per Kubernetes request, 1,000 nodes,
 * concurrency 20. Wall time is the server's own `finishedAt - createdAt` of the task (ms); the
 * ideal is ceil(N / C) x round trips per node x latency (label: 1 patch; taint: read + patch).
 * Prints figures, asserts nothing.
 */
const NODES = 1_000;
const CONCURRENCY = 20;
const LATENCY_MS = 20;

jest.setTimeout(600_000);

describe('batch task benchmark', () => {
  let sim: KubeSim;
  let api: ApiProcess;
  let http: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    sim = await startKubeSim({ nodes: NODES, seed: 7, podsPerNode: 0 });
    api = await startApi();
    http = apiClient(api.url);
    const res = await http.post(ApiRoutes.clusters(), { name: 'bench', kubeconfig: sim.kubeconfig });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    await waitFor('1,000 nodes cached', async () => (await http.get<NodeListResponse>(`${ApiRoutes.nodes('bench')}?limit=1`)).body?.total === NODES, 120_000);
    sim.faults.set({ latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await api?.stop();
    await sim?.stop();
  });

  async function run(kind: string, params: unknown, roundTrips: number): Promise<void> {
    const nodes = sim.nodes.list().map((n) => n.metadata.name);
    const created = await http.post<TaskResponse>(ApiRoutes.clusterTasks('bench'), { kind, params, nodes, concurrency: CONCURRENCY });
    if (created.status !== 202) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const task = await waitFor('task end', async () => {
      const r = await http.get<TaskResponse>(ApiRoutes.task(created.body.id));
      return TERMINAL_TASK_STATUSES.includes(r.body.status) ? r.body : undefined;
    }, 300_000, 20);
    const wall = Date.parse(task.finishedAt!) - Date.parse(task.createdAt);
    const ideal = Math.ceil(NODES / CONCURRENCY) * roundTrips * LATENCY_MS;
    process.stdout.write(
      `${kind.padEnd(6)} ${NODES} nodes, concurrency ${CONCURRENCY}, ${LATENCY_MS} ms/request: ` +
        `wall ${wall} ms, ideal ${ideal} ms, ratio ${(wall / ideal).toFixed(2)}, status ${task.status}, events ${task.lastSeq}\n`,
    );
  }

  it('label 1,000 nodes', () => run('label', { set: { 'bench.example.com/run': 'label' } }, 1));

  it('taint 1,000 nodes', () => run('taint', { add: [{ key: 'bench', value: 'taint', effect: 'NoSchedule' }] }, 2));
});
