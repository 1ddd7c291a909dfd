import { waitFor } from '../../harness';
import { NodeState, nodeState, startTaskTestEnv, TaskTestEnv } from './task-test-env';

/** Each kind on 200 kube-sim nodes changes exactly what it should; a second run leaves the same state. */
describe('node operations on 200 nodes', () => {
  let env: TaskTestEnv;
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 200 });
  });
  afterAll(() => env?.stop());

  async function runTwice(body: Record<string, unknown>, expected: (before: NodeState) => NodeState): Promise<void> {
    const before = nodeState(env.sim);
    const first = await env.untilEnded((await env.createTask({ ...body, nodes: env.nodeNames, concurrency: 20 })).body.id);
    expect(first.status).toBe('succeeded');
    const want = expected(before);
    await waitFor('nodes to reach the expected state', () => JSON.stringify(nodeState(env.sim)) === JSON.stringify(want), 10_000, 20);
    const second = await env.untilEnded((await env.createTask({ ...body, nodes: env.nodeNames, concurrency: 20 })).body.id);
    expect(second.status).toBe('succeeded');
    await waitFor('the second run to leave the same state', () => JSON.stringify(nodeState(env.sim)) === JSON.stringify(want), 10_000, 20);
  }

  const mapNodes = (s: NodeState, f: (n: NodeState[string]) => NodeState[string]): NodeState =>
    Object.fromEntries(Object.entries(s).map(([k, v]) => [k, f(structuredClone(v))]));

  it('label sets and removes only the named keys', async () => {
    env.nodeNames.forEach((n) => env.sim.nodes.setLabels(n, { 'example.com/old': 'x' }));
    await runTwice({ kind: 'label', params: { set: { 'example.com/pool': 'blue', team: '' }, remove: ['example.com/old'] } }, (b) =>
      mapNodes(b, (n) => {
        delete n.labels['example.com/old'];
        return { ...n, labels: { ...n.labels, 'example.com/pool': 'blue', team: '' } };
      }),
    );
  });

  it('taint adds the taint and keeps every other taint', async () => {
    env.sim.nodes.addTaint(env.nodeNames[0], { key: 'existing', value: 'keep', effect: 'PreferNoSchedule' });
    await runTwice({ kind: 'taint', params: { add: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }, (b) =>
      mapNodes(b, (n) => ({ ...n, taints: [...n.taints, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })),
    );
  });

  it('cordon marks nodes unschedulable with reason/by/at annotations; the controller adds its taint', async () => {
    const before = nodeState(env.sim);
    const task = await env.untilEnded((await env.createTask({ kind: 'cordon', params: { reason: 'kernel 6.12' }, nodes: env.nodeNames })).body.id);
    expect(task.status).toBe('succeeded');
    await waitFor('controller taints', () => env.sim.nodes.list().every((n) => n.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/unschedulable')), 10_000, 20);
    const after = nodeState(env.sim);
    for (const name of env.nodeNames) {
      expect(after[name].unschedulable).toBe(true);
      expect(after[name].annotations).toMatchObject({ 'knm.io/cordon-reason': 'kernel 6.12', 'knm.io/cordoned-by': 'anonymous' });
      expect(after[name].labels).toEqual(before[name].labels);
    }
    const again = await env.untilEnded((await env.createTask({ kind: 'cordon', params: { reason: 'kernel 6.12' }, nodes: env.nodeNames })).body.id);
    expect(again.status).toBe('succeeded');
    expect(nodeState(env.sim)).toEqual(after);
  });

  it('uncordon makes nodes schedulable and removes the cordon annotations', async () => {
    const task = await env.untilEnded((await env.createTask({ kind: 'uncordon', nodes: env.nodeNames })).body.id);
    expect(task.status).toBe('succeeded');
    await waitFor('controller taints removed', () => env.sim.nodes.list().every((n) => !n.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/unschedulable')), 10_000, 20);
    const after = nodeState(env.sim);
    for (const name of env.nodeNames) {
      expect(after[name].unschedulable).toBe(false);
      expect(Object.keys(after[name].annotations).filter((k) => k.startsWith('knm.io/'))).toEqual([]);
    }
    const again = await env.untilEnded((await env.createTask({ kind: 'uncordon', nodes: env.nodeNames })).body.id);
    expect(again.status).toBe('succeeded');
    expect(nodeState(env.sim)).toEqual(after);
  });

  it('a NoExecute taint the node controller adds while a taint task runs is kept: both present at the end', async () => {
    // Concurrency 1 and 20 ms latency per request; each time the task's read of node k has been
    // answered and its patch not yet, the node goes Unknown and the lifecycle controller adds
    // unreachable NoSchedule + NoExecute: the patch must lose the race (409) and be redone.
    const targets = env.nodeNames.slice(0, 40);
    const count = (key: string) => env.sim.stats().requests.byVerbAndResource[key] ?? 0;
    const gets0 = count('get nodes');
    const patches0 = count('patch nodes');
    env.sim.faults.set({ latencyMs: 20 });
    try {
      const created = await env.createTask({ kind: 'taint', params: { add: [{ key: 'maintenance', effect: 'NoSchedule' }] }, nodes: targets, concurrency: 1 });
      expect(created.status).toBe(202);
      const hit = new Set<string>();
      while (hit.size < targets.length) {
        const reads = count('get nodes') - gets0;
        if (reads > 0 && count('patch nodes') - patches0 < reads && !hit.has(targets[reads - 1]) && reads <= targets.length) {
          hit.add(targets[reads - 1]);
          env.sim.nodes.setReady(targets[reads - 1], 'Unknown');
        }
        if ((await env.http.get<{ status: string }>(`/api/v1/tasks/${created.body.id}`)).body.status !== 'running' && reads >= targets.length) break;
      }
      const task = await env.untilEnded(created.body.id);
      expect(task.status).toBe('succeeded');
      const conflicts = (await env.events(task.id)).filter((e) => e.type === 'node:retrying' && e.reason?.startsWith('HTTP 409'));
      expect(conflicts.length).toBeGreaterThan(0);
      for (const name of targets) {
        const keys = (env.sim.nodes.get(name)!.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
        expect(keys).toEqual(expect.arrayContaining(['maintenance:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']));
      }
    } finally {
      env.sim.faults.set({ latencyMs: 0 });
    }
  });
});
