import { TERMINAL_TASK_EVENT_TYPES } from '@knm/contracts';
import { RealtimeClient, waitFor } from '../../harness';
import { oneToN, seqs, startTaskTestEnv, TaskTestEnv } from './task-test-env';

describe('label task end to end (kube-sim over HTTP, real API process)', () => {
  let env: TaskTestEnv;
  const sockets: RealtimeClient[] = [];
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 100 });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await env?.stop();
  });

  it('labels 100 nodes: every node carries the label, 100 results, events 1..N without gaps, terminal last', async () => {
    const created = await env.createTask({ kind: 'label', params: { set: { 'example.com/tier': 'web' } }, nodes: env.nodeNames, concurrency: 10 });
    expect(created.status).toBe(202);
    const task = await env.untilEnded(created.body.id);
    expect(task.status).toBe('succeeded');
    expect(task.nodes).toHaveLength(100);
    expect(task.nodes!.every((n) => n.status === 'succeeded')).toBe(true);
    expect(env.sim.nodes.list().filter((n) => n.metadata.labels?.['example.com/tier'] === 'web')).toHaveLength(100);
    const events = await env.events(task.id);
    expect(seqs(events)).toEqual(oneToN(task.lastSeq));
    expect(events.at(-1)!.type).toBe('task:succeeded');
    expect(events.at(-1)!.counts).toMatchObject({ total: 100, succeeded: 100, pending: 0, running: 0 });
  });

  it('a socket subscribing after the task ended receives every event and the terminal one', async () => {
    const created = await env.createTask({ kind: 'label', params: { set: { late: 'yes' } }, nodes: env.nodeNames.slice(0, 30) });
    const task = await env.untilEnded(created.body.id);
    const client = new RealtimeClient(env.api.url);
    sockets.push(client);
    await client.connected();
    expect(await client.subscribeTask(task.id, 0)).toEqual({ ok: true });
    const received = await client.untilTerminal(task.id);
    expect(seqs(received)).toEqual(oneToN(task.lastSeq));
    expect(received).toEqual(await env.events(task.id));
  });

  it('a socket that disconnects mid-task and resubscribes with its last seq misses nothing and gets no duplicate', async () => {
    env.sim.faults.set({ latencyMs: 5 });
    try {
      const created = await env.createTask({ kind: 'label', params: { set: { resub: 'yes' } }, nodes: env.nodeNames, concurrency: 4 });
      const id = created.body.id;
      const first = new RealtimeClient(env.api.url);
      sockets.push(first);
      await first.connected();
      await first.subscribeTask(id, 0);
      await waitFor(`20 events of task ${id}`, () => first.eventsFor(id).length >= 20, 30_000, 10);
      first.close();
      const got = first.eventsFor(id);
      const last = got.at(-1)!.seq;
      const second = new RealtimeClient(env.api.url);
      sockets.push(second);
      await second.connected();
      expect(await second.subscribeTask(id, last)).toEqual({ ok: true });
      const rest = await second.untilTerminal(id);
      const all = [...got, ...rest];
      const task = await env.untilEnded(id);
      expect(seqs(all)).toEqual(oneToN(task.lastSeq));
      expect(TERMINAL_TASK_EVENT_TYPES).toContain(all.at(-1)!.type);
    } finally {
      env.sim.faults.set({ latencyMs: 0 });
    }
  });

  it('subscribing to an unknown task is refused with TASK_NOT_FOUND', async () => {
    const client = new RealtimeClient(env.api.url);
    sockets.push(client);
    await client.connected();
    expect(await client.subscribeTask('00000000-0000-4000-8000-00000000dead', 0)).toMatchObject({ ok: false, code: 'TASK_NOT_FOUND' });
  });
});

