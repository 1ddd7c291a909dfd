import { ApiRoutes, NodeChangedEvent, TaskResponse } from '@knm/contracts';
import { RealtimeClient, waitFor } from '../harness';
import { CLUSTER, leaseHolder, ReplicasEnv, startReplicasEnv, untilTaskEnded } from '../e2e/replicas/replicas-env';

/**
 * Replicated mode figures (prints, asserts nothing), on one embedded PostgreSQL and kube-sim:
 * - cross-replica progress latency over >= 10,000 task events: event `at` (stamped by the executing
 *   replica A just before its commit, so this slightly overstates) -> arrival at a socket on B;
 * - kube-sim node label change -> `node:changed` at a socket on a follower replica (200 changes);
 * - failover with production lease timings (15 s lease, 10 s renew deadline, 2 s retry): leader
 *   SIGKILL -> first `node:changed` at a socket on a survivor (a label is changed every 100 ms).
 * Times in ms, same machine clock on both ends.
 */
const NODES = 2_000;
const EVENTS = 10_000;
const PRODUCTION_LEASES = { KNM_LEASE_DURATION_MS: '15000', KNM_LEASE_RENEW_DEADLINE_MS: '10000', KNM_LEASE_RETRY_PERIOD_MS: '2000' };

jest.setTimeout(900_000);

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const line = (what: string, xs: number[]) =>
  process.stdout.write(`${what}: n=${xs.length} p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms\n`);

describe('replicated mode benchmark', () => {
  let env: ReplicasEnv;
  const clients: RealtimeClient[] = [];
  beforeAll(async () => {
    env = await startReplicasEnv(3, { sim: { nodes: NODES, seed: 11 }, env: PRODUCTION_LEASES });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await env?.stop();
  });

  const connect = async (url: string) => {
    const c = new RealtimeClient(url);
    clients.push(c);
    await c.connected();
    return c;
  };

  it(`cross-replica progress latency over ${EVENTS} events`, async () => {
    const [a, b] = env.replicas;
    const local = await connect(a.api.url);
    const remote = await connect(b.api.url);
    const latencies = { local: [] as number[], remote: [] as number[] };
    // Events stamped before the subscription are replays, not live deliveries: left out.
    let subscribedAt = Infinity;
    local.socket.on('task:event', (e) => Date.parse(e.at) >= subscribedAt && latencies.local.push(Date.now() - Date.parse(e.at)));
    remote.socket.on('task:event', (e) => Date.parse(e.at) >= subscribedAt && latencies.remote.push(Date.now() - Date.parse(e.at)));
    const nodes = env.sim.nodes.list().map((n) => n.metadata.name);
    for (let round = 0; latencies.remote.length < EVENTS; round++) {
      const created = await a.http.post<TaskResponse>(ApiRoutes.clusterTasks(CLUSTER), { kind: 'label', params: { set: { 'bench/round': String(round) } }, nodes, concurrency: 50 });
      if (created.status !== 202) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
      await Promise.all([local.subscribeTask(created.body.id, 0), remote.subscribeTask(created.body.id, 0)]);
      subscribedAt = Date.now();
      await untilTaskEnded(a.http, created.body.id, 300_000);
      await Promise.all([local.untilTerminal(created.body.id, 60_000), remote.untilTerminal(created.body.id, 60_000)]);
      subscribedAt = Infinity;
    }
    line('task event `at` on A -> socket on A (same replica, for reference)', latencies.local);
    line('task event `at` on A -> socket on B (through the Postgres adapter)', latencies.remote);
  });

  it('node label change on kube-sim -> node:changed at a socket on a follower', async () => {
    const holder = (await leaseHolder(env))!.holder;
    const follower = env.alive().find((r) => r.id !== holder)!;
    const client = await connect(follower.api.url);
    await client.subscribeCluster(CLUSTER);
    const names = env.sim.nodes.list().map((n) => n.metadata.name);
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const name = names[i];
      const seen = client.nodeChanges.length;
      const t0 = performance.now();
      env.sim.nodes.setLabels(name, { 'bench/changed': String(i) });
      await waitFor('node:changed', () => client.nodeChanges.slice(seen).some((e: NodeChangedEvent) => e.name === name && e.node?.labels['bench/changed'] === String(i)), 10_000, 1);
      latencies.push(performance.now() - t0);
    }
    line(`node label change -> node:changed on follower ${follower.id} (leader ${holder})`, latencies);
  });

  it('failover: leader SIGKILL -> first node:changed from the new leader', async () => {
    const holder = (await leaseHolder(env))!.holder;
    const leader = env.alive().find((r) => r.id === holder)!;
    const survivor = env.alive().find((r) => r !== leader)!;
    const client = await connect(survivor.api.url);
    await client.subscribeCluster(CLUSTER);
    const names = env.sim.nodes.list().map((n) => n.metadata.name);
    await leader.kill();
    const t0 = performance.now();
    const seen = client.nodeChanges.length;
    let i = 0;
    const changer = setInterval(() => env.sim.nodes.setLabels(names[i++ % names.length], { 'bench/failover': String(i) }), 100);
    try {
      await waitFor('first node:changed after the kill', () => client.nodeChanges.length > seen, 60_000, 5);
    } finally {
      clearInterval(changer);
    }
    const elapsed = performance.now() - t0;
    const next = await leaseHolder(env);
    process.stdout.write(`failover (lease 15 s, renew deadline 10 s, retry 2 s): ${elapsed.toFixed(0)} ms from SIGKILL of ${holder} to the first node:changed (new leader ${next?.holder})\n`);
  });
});
