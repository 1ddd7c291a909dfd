import { ApiRoutes, TaskResponse, TERMINAL_TASK_EVENT_TYPES } from '@knm/contracts';
import { RealtimeClient } from '../../harness';
import { CLUSTER, oneToN, ReplicasEnv, startReplicasEnv, untilTaskEnded } from './replicas-env';

/** A socket on one replica follows a task that runs on another (issue 5; seed document 000). */
describe('two replicas: cross-replica progress', () => {
  let env: ReplicasEnv;
  let client: RealtimeClient | undefined;
  beforeAll(async () => {
    env = await startReplicasEnv(2, { sim: { nodes: 300 } });
  });
  afterAll(async () => {
    client?.close();
    await env?.stop();
  });

  it('a socket on replica B receives every event of a 300-node task created through replica A, contiguous and without duplicates', async () => {
    const [a, b] = env.replicas;
    client = new RealtimeClient(b.api.url);
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
    expect(events[0].seq).toBe(1);
    expect(env.sim.nodes.list().every((n) => n.metadata.labels?.replicated === 'yes')).toBe(true);
  });
});
