import type { TaskEvent } from '@knm/contracts';
import { createExecutorEnv, ExecutorEnv } from './testing/executor-env';
import { internalError, tooManyRequests } from './testing/fake-node-api';
import { waitFor } from '@test/harness';

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${String(i).padStart(3, '0')}`);

function expectContiguous(events: TaskEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

/** Holds every Kubernetes call until `release()`; `waiting` counts held calls. */
function gate(env: ExecutorEnv) {
  let open = false;
  const waiters: (() => void)[] = [];
  env.api.gate = () => (open ? Promise.resolve() : new Promise<void>((r) => waiters.push(r)));
  return {
    waiting: () => waiters.length,
    release: () => {
      open = true;
      waiters.splice(0).forEach((r) => r());
    },
  };
}

const until = (what: string, probe: () => boolean): Promise<boolean> => waitFor(what, probe, 5_000, 2);

describe('TaskExecutor', () => {
  let env: ExecutorEnv;
  beforeEach(async () => {
    env = await createExecutorEnv();
  });
  afterEach(() => env.close());

  it('labels every node, ends succeeded, events contiguous from 1 and terminal last', async () => {
    names(20).forEach((n) => env.api.addNode(n));
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { tier: 'web' } }, nodes: names(20) }, 'alice');
    const ended = await env.untilEnded(task.id);
    expect(ended.status).toBe('succeeded');
    expect(ended.counts).toMatchObject({ total: 20, succeeded: 20, pending: 0, running: 0 });
    expect(names(20).every((n) => env.api.node(n)!.metadata!.labels!.tier === 'web')).toBe(true);
    const events = await env.allEvents(task.id);
    expectContiguous(events);
    expect(events[0].type).toBe('task:created');
    expect(events.at(-1)!.type).toBe('task:succeeded');
    expect(events.filter((e) => e.type === 'node:succeeded')).toHaveLength(20);
  });

  it('publishes each event after commit, in seq order, exactly once', async () => {
    names(10).forEach((n) => env.api.addNode(n));
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: names(10) }, 'alice');
    await env.untilEnded(task.id);
    expect(env.published.filter((e) => e.taskId === task.id)).toEqual(await env.allEvents(task.id));
  });

  it('never runs more node operations at once than the task concurrency', async () => {
    names(12).forEach((n) => env.api.addNode(n));
    const g = gate(env);
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: names(12), concurrency: 3 }, 'alice');
    await until('3 calls in flight', () => g.waiting() === 3);
    g.release();
    await env.untilEnded(task.id);
    expect(env.api.maxInFlight).toBe(3);
  });

  it('keeps all tasks of a cluster under the cluster ceiling', async () => {
    await env.close();
    env = await createExecutorEnv({ clusterMaxConcurrency: 4 });
    names(20).forEach((n) => env.api.addNode(n));
    const g = gate(env);
    const a = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: names(20).slice(0, 10), concurrency: 3 }, 'x');
    const b = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: names(20).slice(10), concurrency: 3 }, 'x');
    await until('4 calls in flight', () => g.waiting() === 4);
    g.release();
    await Promise.all([env.untilEnded(a.id), env.untilEnded(b.id)]);
    expect(env.api.maxInFlight).toBe(4);
  });

  it('cancel: no node starts after the cancel, running ones finish, the rest end cancelled', async () => {
    names(10).forEach((n) => env.api.addNode(n));
    const g = gate(env);
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: names(10), concurrency: 2 }, 'alice');
    await until('2 calls in flight', () => g.waiting() === 2);
    await env.batch.cancelTask(task.id);
    g.release();
    const ended = await env.untilEnded(task.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.counts).toMatchObject({ succeeded: 2, cancelled: 8, running: 0, pending: 0 });
    const events = await env.allEvents(task.id);
    expectContiguous(events);
    const cancelSeq = events.find((e) => e.type === 'task:cancel-requested')!.seq;
    expect(events.filter((e) => e.type === 'node:started' && e.seq > cancelSeq)).toEqual([]);
    expect(events.filter((e) => e.type === 'node:cancelled')).toHaveLength(8);
    expect(events.at(-1)!.type).toBe('task:cancelled');
  });

  it('cancelling an ended task is refused with TASK_NOT_CANCELLABLE', async () => {
    env.api.addNode('n1');
    const task = await env.batch.createTask('c1', { kind: 'cordon', nodes: ['n1'] }, 'alice');
    await env.untilEnded(task.id);
    await expect(env.batch.cancelTask(task.id)).rejects.toMatchObject({ code: 'TASK_NOT_CANCELLABLE' });
  });

  it('retries 429 and 500 with node:retrying events, waiting at least Retry-After', async () => {
    env.api.addNode('n1');
    env.api.failures.push(tooManyRequests(2), internalError());
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: ['n1'] }, 'alice');
    const ended = await env.untilEnded(task.id);
    expect(ended.status).toBe('succeeded');
    expect(ended.nodes![0].attempts).toBe(3);
    const retries = (await env.allEvents(task.id)).filter((e) => e.type === 'node:retrying');
    expect(retries.map((e) => [e.attempt, e.reason])).toEqual([
      [2, 'HTTP 429 TooManyRequests: rate limited'],
      [3, 'HTTP 500 InternalError: etcd timeout'],
    ]);
    expect(env.clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('fails a node after taskMaxAttempts retryable errors and the task ends failed', async () => {
    env.api.addNode('n1');
    env.api.addNode('n2');
    env.api.failures.push(...Array.from({ length: 8 }, internalError));
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: ['n1', 'n2'], concurrency: 1 }, 'alice');
    const ended = await env.untilEnded(task.id);
    expect(ended.status).toBe('failed');
    expect(ended.nodes!.map((n) => [n.node, n.status, n.attempts])).toEqual([['n1', 'failed', 8], ['n2', 'succeeded', 1]]);
    expect(ended.nodes![0].error).toMatch(/gave up after 8 attempts/);
  });

  it('skips a node that no longer exists, with a reason', async () => {
    env.api.addNode('n1');
    env.api.addNode('gone');
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: ['n1', 'gone'] }, 'alice');
    env.api.deleteNode('gone');
    const ended = await env.untilEnded(task.id);
    expect(ended.status).toBe('succeeded');
    expect(ended.nodes!.find((n) => n.node === 'gone')).toMatchObject({ status: 'skipped', error: 'node no longer exists' });
  });

  it('claims nodes: an overlapping task is refused naming the running one, accepted after it ends', async () => {
    env.api.addNode('n1');
    const g = gate(env);
    const first = await env.batch.createTask('c1', { kind: 'cordon', nodes: ['n1'] }, 'alice');
    await expect(env.batch.createTask('c1', { kind: 'uncordon', nodes: ['n1'] }, 'bob')).rejects.toMatchObject({
      code: 'NODE_CLAIMED',
      details: { taskId: first.id },
    });
    g.release();
    await env.untilEnded(first.id);
    const second = await env.batch.createTask('c1', { kind: 'uncordon', nodes: ['n1'] }, 'bob');
    expect((await env.untilEnded(second.id)).status).toBe('succeeded');
  });

  it('dry run changes nothing, claims nothing and reports the diff', async () => {
    env.api.addNode('n1');
    const g = gate(env);
    const dry = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: ['n1'], dryRun: true }, 'alice');
    const real = await env.batch.createTask('c1', { kind: 'cordon', nodes: ['n1'] }, 'alice');
    g.release();
    const ended = await env.untilEnded(dry.id);
    await env.untilEnded(real.id);
    expect(ended.nodes![0]).toMatchObject({ status: 'succeeded', before: { a: null }, after: { a: 'b' } });
    expect(env.api.node('n1')!.metadata!.labels).toEqual({});
  });

  it('retry creates a linked task for the failed nodes only', async () => {
    env.api.addNode('n1');
    env.api.addNode('n2');
    env.api.failures.push(...Array.from({ length: 8 }, internalError));
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes: ['n1', 'n2'], concurrency: 1 }, 'alice');
    await env.untilEnded(task.id);
    const retry = await env.batch.retryTask(task.id, 'alice');
    expect(retry.retryOf).toBe(task.id);
    const ended = await env.untilEnded(retry.id);
    expect(ended.nodes!.map((n) => n.node)).toEqual(['n1']);
    expect(ended.status).toBe('succeeded');
    await expect(env.batch.retryTask(retry.id, 'alice')).rejects.toMatchObject({ code: 'TASK_NOT_RETRYABLE' });
  });
});
