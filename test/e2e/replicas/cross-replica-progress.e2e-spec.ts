import { ApiRoutes, TaskResponse, TERMINAL_TASK_EVENT_TYPES } from '@knm/contracts';
import { RealtimeClient, waitFor } from '../../harness';
import { CLUSTER, leaseHolder, oneToN, ReplicasEnv, startReplicasEnv, untilTaskEnded } from './replicas-env';

/** A socket on one replica follows work done by another (issue 5; seed document 000). */
describe('two replicas: cross-replica delivery', () => {
  let env: ReplicasEnv;
  const clients: RealtimeClient[] = [];
  beforeAll(async () => {
    env = await startReplicasEnv(2, { sim: { nodes: 300 } });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await env?.stop();
  });

  /** [follower, leader] of the cluster's informer lease. */
  async function roles() {
    const holder = (await leaseHolder(env))!.holder;
    return [env.replicas.find((r) => r.id !== holder)!, env.replicas.find((r) => r.id === holder)!] as const;
  }

  it('a socket on replica B receives every event of a 300-node task created through replica A (a follower), contiguous and without duplicates', async () => {
    const [a, b] = await roles();
    const client = new RealtimeClient(b.api.url);
    clients.push(client);
    await client.connected();
    env.sim.faults.set({ latencyMs: 5 });
    const nodes = env.sim.nodes.list().map((n) => n.metadata.name);
    const created = await a.http.post<TaskResponse>(ApiRoutes.clusterTasks(CLUSTER), { kind: 'label', params: { set: { replicated: 'yes' } }, nodes, concurrency: 10 });
    expect(created.status).toBe(202);
    expect(await client.subscribeTask(created.body.id, 0)).toEqual({ ok: true });
    const events = await client.untilTerminal(created.body.id, 120_000);
    const task = await untilTaskEnded(b.http, created.body.id);
    expect(task.status).toBe('succeeded');
    expect(events.map((e) => e.seq)).toEqual(oneToN(task.lastSeq));
    expect(TERMINAL_TASK_EVENT_TYPES).toContain(events.at(-1)!.type);
    expect(env.sim.nodes.list().every((n) => n.metadata.labels?.replicated === 'yes')).toBe(true);
  });

  it('a node:changed larger than one NOTIFY (via the attachments table) reaches a socket on the follower', async () => {
    const [follower] = await roles();
    const client = new RealtimeClient(follower.api.url);
    clients.push(client);
    await client.connected();
    expect(await client.subscribeCluster(CLUSTER)).toEqual({ ok: true });
    const name = env.sim.nodes.list()[0].metadata.name;
    const big = 'x'.repeat(12_000);
    env.sim.nodes.modify(name, (n) => {
      // annotations alone are no significant change: the label makes it one, the annotation makes it big
      n.metadata.labels = { ...(n.metadata.labels ?? {}), 'knm.test/big': 'yes' };
      n.metadata.annotations = { ...(n.metadata.annotations ?? {}), 'knm.test/big': big };
    });
    await waitFor('the large node:changed on the follower', () => client.nodeChanges.some((e) => e.name === name && e.node?.annotations['knm.test/big'] === big), 20_000);
    const [row] = await env.pg.query<{ n: string }>('SELECT count(*) AS n FROM socket_io_attachments', [], new URL(env.databaseUrl).pathname.slice(1));
    expect(Number(row.n)).toBeGreaterThan(0);
  });
});
