import { ApiRoutes, TaskResponse } from '@knm/contracts';
import { RealtimeClient, waitFor } from '../../harness';
import { CLUSTER, leaseHolder, oneToN, ReplicasEnv, startReplicasEnv, taskEvents, untilTaskEnded } from './replicas-env';

/** Task owner as recorded in the database. */
async function ownerOf(env: ReplicasEnv, id: string): Promise<string | null> {
  const [row] = await env.pg.query<{ owner: string | null }>('SELECT owner FROM tasks WHERE id = $1', [id], new URL(env.databaseUrl).pathname.slice(1));
  return row?.owner ?? null;
}

describe('replica failures during a task', () => {
  let env: ReplicasEnv;
  const clients: RealtimeClient[] = [];
  beforeAll(async () => {
    env = await startReplicasEnv(3, { sim: { nodes: 300 } });
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await env?.stop();
  });
  afterEach(() => env.sim.faults.set({ latencyMs: 0 }));

  it('SIGKILL of the executing replica at ~50%: another replica finishes the task, every node is labelled, a client on a survivor sees the end', async () => {
    const [a, b] = env.replicas;
    const client = new RealtimeClient(b.api.url);
    clients.push(client);
    await client.connected();
    env.sim.faults.set({ latencyMs: 15 });
    const nodes = env.sim.nodes.list().map((n) => n.metadata.name);
    const created = await a.http.post<TaskResponse>(ApiRoutes.clusterTasks(CLUSTER), { kind: 'label', params: { set: { takeover: 'done' } }, nodes, concurrency: 5 });
    expect(created.status).toBe(202);
    const id = created.body.id;
    expect(await client.subscribeTask(id, 0)).toEqual({ ok: true });
    expect(await ownerOf(env, id)).toBe(a.id);
    await waitFor('half the nodes done', async () => (await b.http.get<TaskResponse>(ApiRoutes.task(id))).body.counts.succeeded >= 150, 60_000, 50);
    await a.kill();
    const task = await untilTaskEnded(b.http, id);
    expect(task.status).toBe('succeeded');
    expect(task.counts).toMatchObject({ total: 300, succeeded: 300 });
    expect(env.sim.nodes.list().every((n) => n.metadata.labels?.takeover === 'done')).toBe(true);
    const events = await taskEvents(b.http, id);
    expect(events.map((e) => e.seq)).toEqual(oneToN(task.lastSeq));
    const resumed = events.find((e) => e.type === 'task:started' && e.reason?.startsWith('resumed by'));
    expect(resumed?.reason).toMatch(new RegExp(`${env.replicas[1].id}|${env.replicas[2].id}`));
    const received = await client.untilTerminal(id, 30_000);
    expect(received.at(-1)!.type).toBe('task:succeeded');
  });

  it('PostgreSQL restarted during a task: replicas recover without restarting and the client catches up through replay', async () => {
    const [, b, c] = env.replicas;
    const client = new RealtimeClient(c.api.url);
    clients.push(client);
    await client.connected();
    env.sim.faults.set({ latencyMs: 15 });
    const nodes = env.sim.nodes.list().map((n) => n.metadata.name);
    const created = await b.http.post<TaskResponse>(ApiRoutes.clusterTasks(CLUSTER), { kind: 'label', params: { set: { pgrestart: 'survived' } }, nodes, concurrency: 5 });
    expect(created.status).toBe(202);
    const id = created.body.id;
    expect(await client.subscribeTask(id, 0)).toEqual({ ok: true });
    await waitFor('a third of the nodes done', async () => (await c.http.get<TaskResponse>(ApiRoutes.task(id))).body.counts.succeeded >= 100, 60_000, 50);
    await env.pg.restart();
    const task = await untilTaskEnded(c.http, id, 120_000);
    expect(task.status).toBe('succeeded');
    expect(env.sim.nodes.list().every((n) => n.metadata.labels?.pgrestart === 'survived')).toBe(true);
    // What a reconnecting console does: ask for everything after the highest contiguous seq it holds.
    const have = new Set(client.eventsFor(id).map((e) => e.seq));
    let contiguous = 0;
    while (have.has(contiguous + 1)) contiguous++;
    expect(await client.subscribeTask(id, contiguous)).toEqual({ ok: true });
    await waitFor('every seq on the client', () => oneToN(task.lastSeq).every((s) => client.eventsFor(id).some((e) => e.seq === s)), 30_000);
    expect(client.eventsFor(id).some((e) => e.type === 'task:succeeded')).toBe(true);
    for (const r of env.alive()) {
      expect((await r.http.get('/health/live')).status).toBe(200);
      await waitFor(`${r.id} ready again`, async () => (await r.http.get('/health/ready')).status === 200);
    }
    // The adapter LISTENs again: a node change still reaches a socket on a follower, live.
    const holder = (await leaseHolder(env))?.holder;
    const follower = env.alive().find((r) => r.id !== holder)!;
    const watcher = new RealtimeClient(follower.api.url);
    clients.push(watcher);
    await watcher.connected();
    expect(await watcher.subscribeCluster(CLUSTER)).toEqual({ ok: true });
    const name = nodes[0];
    let round = 0;
    await waitFor('a live node:changed on a follower after the restart', () => {
      if (watcher.nodeChanges.some((e) => e.name === name)) return true;
      env.sim.nodes.setLabels(name, { 'knm.test/after-restart': String(++round) });
      return false;
    }, 30_000, 500);
  });
});
