import { randomBytes } from 'node:crypto';
import { ApiRoutes, NodeListResponse, TaskEvent, TaskEventsResponse, TaskResponse, TERMINAL_TASK_STATUSES } from '@knm/contracts';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../../../apps/kube-sim/src';
import { apiClient, ApiProcess, PostgresServer, startApi, startPostgres, waitFor } from '../../harness';

export const CLUSTER = 'sim';

/**
 * Short timings for multi-replica tests (ms): leases 3 s / renew deadline 2 s / retry 0.3 s, task
 * heartbeat 0.3 s / takeover after 1.5 s, follower safety-net catch-up every 2 s.
 */
export const FAST_REPLICA_ENV: Record<string, string> = {
  KNM_LEASE_DURATION_MS: '3000',
  KNM_LEASE_RENEW_DEADLINE_MS: '2000',
  KNM_LEASE_RETRY_PERIOD_MS: '300',
  KNM_TASK_HEARTBEAT_MS: '300',
  KNM_TASK_TAKEOVER_AFTER_MS: '1500',
  KNM_CACHE_CATCH_UP_MS: '2000',
};

type Http = ReturnType<typeof apiClient>;

/** One PostgreSQL, one kube-sim and N API replicas on them, the simulator registered as `sim`. */
export interface ReplicasEnv {
  pg: PostgresServer;
  databaseUrl: string;
  sim: KubeSim;
  /** Replicas by index; a killed one stays in the list (its `alive` is false). */
  replicas: Replica[];
  alive(): Replica[];
  /** Starts one more replica (index = replicas.length) on the same database. */
  addReplica(): Promise<Replica>;
  /** Polls until every live replica's node list equals the simulator's node names and labels. */
  untilCachesMatchSim(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface Replica {
  index: number;
  id: string;
  api: ApiProcess;
  http: Http;
  alive: boolean;
  kill(): Promise<void>;
}

/** Starts `count` replicas (concurrently) on a fresh database; registers kube-sim unless `register` is false. */
export async function startReplicasEnv(count: number, options: { sim?: KubeSimOptions; register?: boolean; env?: Record<string, string> } = {}): Promise<ReplicasEnv> {
  const pg = await startPostgres();
  const databaseUrl = await pg.createDatabase();
  const sim = await startKubeSim({ podsPerNode: 0, nodes: 20, ...options.sim });
  const replicas: Replica[] = [];
  const encryptionKey = randomBytes(32).toString('base64');
  const start = async (index: number): Promise<Replica> => {
    const id = `replica-${index}`;
    const api = await startApi({ env: { ...FAST_REPLICA_ENV, ...options.env, KNM_DATABASE_URL: databaseUrl, KNM_ENCRYPTION_KEY: encryptionKey, KNM_REPLICA_ID: id } });
    const r: Replica = {
      index,
      id,
      api,
      http: apiClient(api.url),
      alive: true,
      async kill() {
        r.alive = false;
        await api.kill();
      },
    };
    replicas[index] = r;
    return r;
  };
  const env: ReplicasEnv = {
    pg,
    databaseUrl,
    sim,
    replicas,
    alive: () => replicas.filter((r) => r.alive),
    addReplica: () => start(replicas.length),
    async untilCachesMatchSim(timeoutMs = 30_000) {
      const expected = () => sim.nodes.list().map((n) => `${n.metadata.name} ${JSON.stringify(n.metadata.labels ?? {})}`).sort().join('\n');
      for (const r of env.alive()) {
        await waitFor(`node cache of ${r.id} to equal kube-sim`, async () => (await nodeFingerprint(r.http)) === expected() || undefined, timeoutMs, 100);
      }
    },
    async stop() {
      await Promise.all(replicas.filter((r) => r.alive).map((r) => r.api.stop()));
      await sim.stop();
      await pg.stop();
    },
  };
  try {
    await Promise.all(Array.from({ length: count }, (_, i) => start(i)));
    if (options.register !== false) {
      const res = await replicas[0].http.post(ApiRoutes.clusters(), { name: CLUSTER, kubeconfig: sim.kubeconfig });
      if (res.status !== 201 && res.status !== 200) throw new Error(`cluster registration failed: ${res.status} ${JSON.stringify(res.body)}`);
      await env.untilCachesMatchSim(60_000);
    }
  } catch (err) {
    await env.stop().catch(() => undefined);
    throw err;
  }
  return env;
}

/** Every node of `sim` as listed by a replica (all pages): sorted `name labels-json` lines. */
export async function nodeFingerprint(http: Http): Promise<string> {
  const lines: string[] = [];
  for (let page = 1; ; page++) {
    const res = await http.get<NodeListResponse>(`${ApiRoutes.nodes(CLUSTER)}?limit=1000&page=${page}`);
    if (res.status !== 200) return `HTTP ${res.status}`;
    lines.push(...res.body.items.map((n) => `${n.name} ${JSON.stringify(n.labels)}`));
    if (lines.length >= res.body.total || res.body.items.length === 0) return lines.sort().join('\n');
  }
}

/** Polls GET /tasks/:id on `http` until the task has ended. */
export function untilTaskEnded(http: Http, id: string, timeoutMs = 90_000): Promise<TaskResponse> {
  return waitFor(`task ${id} to end`, async () => {
    const r = await http.get<TaskResponse>(ApiRoutes.task(id));
    return r.status === 200 && TERMINAL_TASK_STATUSES.includes(r.body.status) ? r.body : undefined;
  }, timeoutMs, 100);
}

/** Every persisted event of a task, paged through GET /tasks/:id/events. */
export async function taskEvents(http: Http, id: string): Promise<TaskEvent[]> {
  const out: TaskEvent[] = [];
  for (;;) {
    const page = await http.get<TaskEventsResponse>(`${ApiRoutes.taskEvents(id)}?afterSeq=${out.length}&limit=1000`);
    out.push(...page.body.items);
    if (page.body.items.length === 0 || out.length >= page.body.lastSeq) return out;
  }
}

export const oneToN = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** Which replica (by id) holds the cluster's informer lease, read from the database; null if none. */
export async function leaseHolder(env: ReplicasEnv, cluster = CLUSTER): Promise<{ holder: string; token: number } | null> {
  const [row] = await env.pg.query<{ holder: string | null; token: string }>(
    `SELECT holder, token FROM leases WHERE name = $1 AND expires_at > now()`,
    [`informer:${cluster}`],
    new URL(env.databaseUrl).pathname.slice(1),
  );
  return row?.holder ? { holder: row.holder, token: Number(row.token) } : null;
}
