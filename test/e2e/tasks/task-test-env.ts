import { ApiRoutes, CreateTaskRequest, NodeListResponse, TaskEvent, TaskEventsResponse, TaskResponse, TERMINAL_TASK_STATUSES } from '@knm/contracts';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../../../apps/kube-sim/src';
import { apiClient, ApiProcess, JsonResponse, startApi, StartApiOptions, waitFor } from '../../harness';

export const CLUSTER = 'sim';

/** Env for API processes in task tests: fast ownership rounds so takeover happens within seconds. */
export const FAST_OWNERSHIP_ENV = { KNM_TASK_HEARTBEAT_MS: '300', KNM_TASK_TAKEOVER_AFTER_MS: '1500' };

/** A kube-sim, an API process with the simulator registered as cluster `sim`, and task helpers. */
export interface TaskTestEnv {
  sim: KubeSim;
  api: ApiProcess;
  http: ReturnType<typeof apiClient>;
  nodeNames: string[];
  createTask(body: Partial<CreateTaskRequest> & Record<string, unknown>): Promise<JsonResponse<TaskResponse>>;
  /** Polls GET /tasks/:id until the task has ended; returns it with node results. */
  untilEnded(id: string, timeoutMs?: number): Promise<TaskResponse>;
  /** Every persisted event of a task (paged through GET /tasks/:id/events). */
  events(id: string): Promise<TaskEvent[]>;
  /** Starts a new API process (e.g. after a kill) on the same data dir and waits for the node cache. */
  restartApi(options?: StartApiOptions): Promise<void>;
  stop(): Promise<void>;
}

/** Waits until the API's node cache holds `count` nodes of the cluster. */
export async function waitForNodeCache(http: ReturnType<typeof apiClient>, count: number): Promise<void> {
  await waitFor(
    `node cache of ${CLUSTER} to hold ${count} nodes`,
    async () => (await http.get<NodeListResponse>(`${ApiRoutes.nodes(CLUSTER)}?limit=1`)).body?.total === count,
    60_000,
    100,
  );
}

export async function startTaskTestEnv(simOptions: KubeSimOptions, apiOptions: StartApiOptions = {}): Promise<TaskTestEnv> {
  const sim = await startKubeSim({ podsPerNode: 0, ...simOptions });
  let api = await startApi({ ...apiOptions, env: { ...FAST_OWNERSHIP_ENV, ...apiOptions.env } });
  const env: TaskTestEnv = {
    sim,
    api,
    http: apiClient(api.url),
    nodeNames: sim.nodes.list().map((n) => n.metadata.name),
    createTask: (body) => env.http.post<TaskResponse>(ApiRoutes.clusterTasks(CLUSTER), body),
    async untilEnded(id, timeoutMs = 60_000) {
      return waitFor(`task ${id} to end`, async () => {
        const r = await env.http.get<TaskResponse>(ApiRoutes.task(id));
        return r.status === 200 && TERMINAL_TASK_STATUSES.includes(r.body.status) ? r.body : undefined;
      }, timeoutMs, 100);
    },
    async events(id) {
      const out: TaskEvent[] = [];
      for (;;) {
        const page = await env.http.get<TaskEventsResponse>(`${ApiRoutes.taskEvents(id)}?afterSeq=${out.length}&limit=1000`);
        out.push(...page.body.items);
        if (page.body.items.length === 0 || out.length >= page.body.lastSeq) return out;
      }
    },
    async restartApi(options = {}) {
      api = await startApi({ dataDir: env.api.dataDir, ...options, env: { ...FAST_OWNERSHIP_ENV, ...options.env } });
      env.api = api;
      env.http = apiClient(api.url);
      await waitForNodeCache(env.http, env.nodeNames.length);
    },
    async stop() {
      await env.api.stop();
      await sim.stop();
    },
  };
  const registered = await env.http.post(ApiRoutes.clusters(), { name: CLUSTER, kubeconfig: sim.kubeconfig });
  if (registered.status !== 201 && registered.status !== 200) {
    await env.stop();
    throw new Error(`cluster registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  await waitForNodeCache(env.http, env.nodeNames.length);
  return env;
}

/** Asserts nothing about order beyond seq: returns the seqs for `expect(...).toEqual(1..N)`. */
export const seqs = (events: TaskEvent[]) => events.map((e) => e.seq);
export const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** What batch operations may touch on a node, per node name (for before/after comparisons). */
export type NodeState = Record<string, { labels: Record<string, string>; annotations: Record<string, string>; taints: unknown[]; unschedulable: boolean }>;

export function nodeState(sim: KubeSim): NodeState {
  return Object.fromEntries(
    sim.nodes.list().map((n) => [
      n.metadata.name,
      {
        labels: { ...(n.metadata.labels ?? {}) },
        annotations: { ...(n.metadata.annotations ?? {}) },
        taints: [...(n.spec?.taints ?? [])],
        unschedulable: n.spec?.unschedulable === true,
      },
    ]),
  );
}
