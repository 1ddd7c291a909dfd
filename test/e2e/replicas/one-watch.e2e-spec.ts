import { waitFor } from '../../harness';
import { CLUSTER, leaseHolder, ReplicasEnv, startReplicasEnv } from './replicas-env';

/** Sampling window, ms: 60 s as the issue asks (KNM_E2E_WATCH_WINDOW_MS shortens it for local iteration). */
const WINDOW_MS = Number(process.env.KNM_E2E_WATCH_WINDOW_MS ?? 60_000);

interface ReadyBody {
  details: { clusters?: { clusters: { cluster: string; role: string; cacheSeq: number; synced: boolean }[] } };
}

/** Highest per-cluster seq in the table. */
async function tableSeq(env: ReplicasEnv): Promise<number> {
  const [row] = await env.pg.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM cluster_nodes WHERE cluster = $1', [CLUSTER], new URL(env.databaseUrl).pathname.slice(1));
  return Number(row.seq ?? 0);
}

/** Cache seq of the cluster on every live replica, as /health/ready reports it. */
async function cacheSeqs(env: ReplicasEnv): Promise<number[]> {
  return Promise.all(
    env.alive().map(async (r) => {
      const res = await r.http.get<ReadyBody>('/health/ready');
      return res.body.details.clusters?.clusters.find((c) => c.cluster === CLUSTER)?.cacheSeq ?? -1;
    }),
  );
}

describe('three replicas, one cluster', () => {
  let env: ReplicasEnv;
  beforeAll(async () => {
    env = await startReplicasEnv(3, { sim: { nodes: 30 } });
  });
  afterAll(() => env?.stop());

  const openNodeWatches = () => env.sim.stats().openWatches.nodes ?? 0;

  it(`kube-sim sees exactly one open node watch at every sample over ${WINDOW_MS / 1000} s, and every replica's node list follows the simulator`, async () => {
    await waitFor('the leader watching', () => openNodeWatches() === 1);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(openNodeWatches()), 50);
    const names = env.sim.nodes.list().map((n) => n.metadata.name);
    const started = Date.now();
    try {
      for (let i = 0; Date.now() - started < WINDOW_MS; i++) {
        env.sim.nodes.setLabels(names[i % names.length], { 'knm.test/round': String(i) });
        await env.untilCachesMatchSim();
      }
    } finally {
      clearInterval(sampler);
    }
    expect(samples.length).toBeGreaterThan(10);
    expect(samples.filter((n) => n !== 1)).toEqual([]);
  });

  it('after SIGKILL of the leader a new leader takes over within 20 s, still with one watch; caches converge with no seq gap left', async () => {
    const before = await leaseHolder(env);
    expect(before).not.toBeNull();
    const leader = env.replicas.find((r) => r.id === before!.holder)!;
    await leader.kill();
    const names = env.sim.nodes.list().map((n) => n.metadata.name);
    env.sim.nodes.setLabels(names[0], { 'knm.test/failover': 'during' });
    const after = await waitFor('a new leader', async () => {
      const h = await leaseHolder(env);
      return h && h.holder !== leader.id ? h : undefined;
    }, 20_000);
    expect(after.token).toBeGreaterThan(before!.token);
    await waitFor('one node watch again', () => openNodeWatches() === 1);
    env.sim.nodes.setLabels(names[1], { 'knm.test/failover': 'after' });
    await env.untilCachesMatchSim();
    const seq = await tableSeq(env);
    await waitFor('every cache at the table seq', async () => (await cacheSeqs(env)).every((s) => s === seq) || undefined, 15_000);
    expect(openNodeWatches()).toBe(1);
  });
});
