import { ApiRoutes, TaskEvent, TaskResponse } from '@knm/contracts';
import { waitFor } from '../../harness';
import { nodeState, oneToN, seqs, startTaskTestEnv, TaskTestEnv } from './task-test-env';

/** Faults, claims, cancel and dry run against kube-sim through the API process. */
describe('batch control', () => {
  let env: TaskTestEnv;
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 300 });
  });
  afterAll(() => env?.stop());
  afterEach(() => {
    env.sim.faults.set({ latencyMs: 0, errorRate500: 0, errorRate429: 0 });
  });

  const startedAfterCancel = (events: TaskEvent[]) => {
    const cancelSeq = events.find((e) => e.type === 'task:cancel-requested')!.seq;
    return events.filter((e) => e.type === 'node:started' && e.seq > cancelSeq);
  };

  it('with 10% 500s and 10% 429s (Retry-After 1 s) a 300-node task still ends all succeeded; retries name their reasons', async () => {
    env.sim.faults.set({ errorRate500: 0.1, errorRate429: 0.1, retryAfterSeconds: 1 });
    const created = await env.createTask({ kind: 'label', params: { set: { faults: 'survived' } }, nodes: env.nodeNames, concurrency: 20 });
    expect(created.status).toBe(202);
    const task = await env.untilEnded(created.body.id, 120_000);
    expect(task.status).toBe('succeeded');
    expect(task.counts.succeeded).toBe(300);
    expect(env.sim.nodes.list().every((n) => n.metadata.labels?.faults === 'survived')).toBe(true);
    const retries = (await env.events(task.id)).filter((e) => e.type === 'node:retrying');
    expect(retries.some((e) => e.reason?.startsWith('HTTP 500'))).toBe(true);
    expect(retries.some((e) => e.reason?.startsWith('HTTP 429'))).toBe(true);
    expect(retries.every((e) => typeof e.attempt === 'number' && e.attempt >= 2)).toBe(true);
  });

  it('an overlapping task is refused with 409 NODE_CLAIMED naming the running task, and accepted after it ends', async () => {
    env.sim.faults.set({ latencyMs: 20 });
    const first = await env.createTask({ kind: 'cordon', params: { reason: 'claims' }, nodes: env.nodeNames.slice(0, 40), concurrency: 2 });
    expect(first.status).toBe(202);
    const overlapping = await env.createTask({ kind: 'uncordon', nodes: [env.nodeNames[39], env.nodeNames[100]] });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body).toMatchObject({ code: 'NODE_CLAIMED', details: { taskId: first.body.id } });
    env.sim.faults.set({ latencyMs: 0 });
    await env.untilEnded(first.body.id);
    const later = await env.createTask({ kind: 'uncordon', nodes: [env.nodeNames[39], env.nodeNames[100]] });
    expect(later.status).toBe(202);
    expect((await env.untilEnded(later.body.id)).status).toBe('succeeded');
  });

  it('cancel mid-task: no node starts after it, running ones finish, the rest are cancelled and unchanged', async () => {
    env.sim.faults.set({ latencyMs: 20 });
    const targets = env.nodeNames.slice(0, 100);
    const created = await env.createTask({ kind: 'label', params: { set: { cancelled: 'no' } }, nodes: targets, concurrency: 2 });
    await waitFor('a few nodes done', async () => (await env.http.get<TaskResponse>(ApiRoutes.task(created.body.id))).body.counts.succeeded >= 4);
    const cancel = await env.http.post<TaskResponse>(ApiRoutes.taskCancel(created.body.id));
    expect(cancel.status).toBe(202);
    const task = await env.untilEnded(created.body.id);
    expect(task.status).toBe('cancelled');
    expect(task.counts.succeeded + task.counts.cancelled).toBe(100);
    expect(task.counts.cancelled).toBeGreaterThan(0);
    const events = await env.events(task.id);
    expect(seqs(events)).toEqual(oneToN(task.lastSeq));
    expect(startedAfterCancel(events)).toEqual([]);
    expect(events.at(-1)!.type).toBe('task:cancelled');
    const cancelledNodes = task.nodes!.filter((n) => n.status === 'cancelled').map((n) => n.node);
    expect(cancelledNodes.every((n) => env.sim.nodes.get(n)!.metadata.labels?.cancelled === undefined)).toBe(true);
    const again = await env.http.post(ApiRoutes.taskCancel(created.body.id));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'TASK_NOT_CANCELLABLE' });
  });

  it('retry after cancel runs a linked task for the cancelled nodes', async () => {
    const { body: list } = await env.http.get<{ items: TaskResponse[] }>(`${ApiRoutes.tasks()}?status=cancelled&cluster=sim`);
    const cancelled = list.items[0];
    const retry = await env.http.post<TaskResponse>(ApiRoutes.taskRetry(cancelled.id));
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ retryOf: cancelled.id, kind: 'label', counts: { total: cancelled.counts.cancelled } });
    expect((await env.untilEnded(retry.body.id)).status).toBe('succeeded');
    expect(env.sim.nodes.list().slice(0, 100).every((n) => n.metadata.labels?.cancelled === 'no')).toBe(true);
    expect((await env.http.post(ApiRoutes.taskRetry(retry.body.id))).status).toBe(409);
  });

  it('dry run changes nothing, claims nothing and reports per-node diffs', async () => {
    const targets = env.nodeNames.slice(200, 250);
    const before = nodeState(env.sim);
    const created = await env.createTask({ kind: 'taint', params: { add: [{ key: 'dry', value: 'run', effect: 'NoExecute' }] }, nodes: targets, dryRun: true });
    expect(created.status).toBe(202);
    expect(created.body.dryRun).toBe(true);
    const task = await env.untilEnded(created.body.id);
    expect(task.status).toBe('succeeded');
    for (const n of task.nodes!) {
      expect(n.before).not.toContainEqual(expect.objectContaining({ key: 'dry' }));
      expect(n.after).toContainEqual({ key: 'dry', value: 'run', effect: 'NoExecute' });
    }
    expect(nodeState(env.sim)).toEqual(before);
    const dryLabel = await env.createTask({ kind: 'label', params: { set: { dry: 'x' } }, nodes: targets, dryRun: true });
    const real = await env.createTask({ kind: 'label', params: { set: { real: 'x' } }, nodes: targets });
    expect(real.status).toBe(202);
    await env.untilEnded(dryLabel.body.id);
    await env.untilEnded(real.body.id);
    expect(env.sim.nodes.list().slice(200, 250).every((n) => n.metadata.labels?.dry === undefined && n.metadata.labels?.real === 'x')).toBe(true);
  });
});
