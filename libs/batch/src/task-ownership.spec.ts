import { createExecutorEnv, ExecutorEnv } from './testing/executor-env';

/** Ownership and takeover through the real SQL on SQLite; replicas share one database file. */
describe('task ownership and takeover', () => {
  let a: ExecutorEnv;
  afterEach(() => a?.kill());

  async function createOwnedBy(env: ExecutorEnv, nodes: string[]): Promise<string> {
    nodes.forEach((n) => env.api.addNode(n));
    const gateHeld = new Promise<void>(() => undefined);
    env.api.gate = () => gateHeld; // replica a "hangs": its node operations never complete
    const task = await env.batch.createTask('c1', { kind: 'label', params: { set: { a: 'b' } }, nodes, concurrency: 2 }, 'alice');
    return task.id;
  }

  it('takes over only when the heartbeat is stale, exactly once (compare-and-set)', async () => {
    a = await createExecutorEnv({ replicaId: 'replica-a' });
    const id = await createOwnedBy(a, ['n1', 'n2', 'n3']);
    const repo = a.ownershipRepository;
    expect(await repo.findOrphans('replica-b', 3000)).toEqual([]);
    expect(await repo.takeOver(id, 'replica-b', 3000)).toBe(false);
    a.clock.time += 3001;
    expect(await repo.findOrphans('replica-b', 3000)).toEqual([id]);
    const [b, c] = await Promise.all([repo.takeOver(id, 'replica-b', 3000), repo.takeOver(id, 'replica-c', 3000)]);
    expect([b, c].filter(Boolean)).toHaveLength(1);
  });

  it('a heartbeat keeps the task; after a takeover the old owner learns it lost the task and writes nothing more', async () => {
    a = await createExecutorEnv({ replicaId: 'replica-a' });
    const id = await createOwnedBy(a, ['n1']);
    const repo = a.ownershipRepository;
    a.clock.time += 2000;
    expect((await repo.heartbeat('replica-a', [id])).owned.has(id)).toBe(true);
    a.clock.time += 2000;
    expect(await repo.takeOver(id, 'replica-b', 3000)).toBe(false);
    a.clock.time += 3001;
    expect(await repo.takeOver(id, 'replica-b', 3000)).toBe(true);
    expect((await repo.heartbeat('replica-a', [id])).owned.has(id)).toBe(false);
    const stale = a.progress.recorder(id, 'replica-a');
    expect(await stale.nodeFailed('n1', 1, 'late write')).toBe(false);
  });

  it('a new process on the same database resumes an orphaned task: every node done, one contiguous seq', async () => {
    a = await createExecutorEnv({ replicaId: 'replica-a' });
    const id = await createOwnedBy(a, ['n1', 'n2', 'n3', 'n4']);
    const dataDir = a.dataDir;
    await a.kill(true); // replica a dies with n1, n2 started and nothing finished
    const b = await createExecutorEnv({ replicaId: 'replica-b', dataDir });
    ['n1', 'n2', 'n3', 'n4'].forEach((n) => b.api.addNode(n));
    b.clock.time += 60_000;
    await b.ownership.tick();
    const ended = await b.untilEnded(id);
    expect(ended.status).toBe('succeeded');
    expect(ended.counts).toMatchObject({ succeeded: 4, running: 0, pending: 0 });
    const events = await b.allEvents(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'task:started').at(-1)!.reason).toBe('resumed by replica-b');
    a = b; // afterEach removes b's data
  });
});
