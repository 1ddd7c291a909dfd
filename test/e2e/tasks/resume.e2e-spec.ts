import { ApiRoutes, TaskResponse } from '@knm/contracts';
import { waitFor } from '../../harness';
import { oneToN, seqs, startTaskTestEnv, TaskTestEnv } from './task-test-env';

/** A process killed mid-task (SIGKILL) resumes the task after a restart on the same data dir. */
describe('task resume after a crash', () => {
  let env: TaskTestEnv;
  beforeAll(async () => {
    env = await startTaskTestEnv({ nodes: 200 });
  });
  afterAll(() => env?.stop());

  it('ends with every node done and one contiguous event sequence', async () => {
    env.sim.faults.set({ latencyMs: 20 });
    const created = await env.createTask({ kind: 'label', params: { set: { survived: 'crash' } }, nodes: env.nodeNames, concurrency: 5 });
    expect(created.status).toBe(202);
    const id = created.body.id;
    await waitFor('some nodes done', async () => (await env.http.get<TaskResponse>(ApiRoutes.task(id))).body.counts.succeeded >= 20);
    await env.api.kill();
    env.sim.faults.set({ latencyMs: 0 });
    await env.restartApi();
    const task = await env.untilEnded(id, 90_000);
    expect(task.status).toBe('succeeded');
    expect(task.counts).toMatchObject({ total: 200, succeeded: 200, running: 0, pending: 0 });
    expect(env.sim.nodes.list().every((n) => n.metadata.labels?.survived === 'crash')).toBe(true);
    const events = await env.events(id);
    expect(seqs(events)).toEqual(oneToN(task.lastSeq));
    expect(events.some((e) => e.type === 'task:started' && e.reason?.startsWith('resumed by'))).toBe(true);
    expect(events.at(-1)!.type).toBe('task:succeeded');
    expect(events.filter((e) => e.type === 'task:succeeded')).toHaveLength(1);
  });
});
