import { ApiRoutes, type TaskEvent, type TaskEventType } from '@knm/contracts';
import { ExitCode } from '../exit-codes';
import { ApiClient } from '../http/api-client';
import { FakeHttpServer } from '../testing/fake-http-server';
import { FakeTaskSocket } from '../testing/fake-task-socket';
import { TaskEventSequencer } from './task-event-sequencer';
import { TaskFollower, type FollowTimings } from './task-follower';
import { waitFor } from '@test/harness';

const TASK = 't-1';
const counts = { total: 3, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };

/** Events 1..n of a 3-node task: created, started, node events, the last one terminal. */
function events(n: number, terminal: TaskEventType = 'task:succeeded'): TaskEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    taskId: TASK,
    seq: i + 1,
    type: i === n - 1 ? terminal : i < 2 ? (i === 0 ? 'task:created' : 'task:started') : 'node:succeeded',
    at: '2026-11-21T10:00:00Z',
    node: i >= 2 ? `n${i}` : undefined,
    counts,
    status: i === n - 1 ? 'succeeded' : 'running',
  }) as TaskEvent);
}

describe('task event sequencer', () => {
  it('applies each seq once, in order, whatever the arrival order; reports holes; stops at the terminal event', () => {
    const s = new TaskEventSequencer(TASK);
    const [e1, e2, e3, e4] = events(4);
    expect(s.accept(e2)).toEqual([]);
    expect(s.hasGap).toBe(true);
    expect(s.accept(e1)).toEqual([e1, e2]);
    expect(s.accept(e1)).toEqual([]);
    expect(s.accept({ ...e3, taskId: 'other' })).toEqual([]);
    expect(s.accept(e4)).toEqual([]);
    expect(s.accept(e3)).toEqual([e3, e4]);
    expect(s.terminal).toBe(e4);
    expect(s.lastSeq).toBe(4);
    expect(s.accept({ ...e4, seq: 5 })).toEqual([]);
  });
});

describe('following a task', () => {
  const all = events(8);
  let server: FakeHttpServer;
  let socket: FakeTaskSocket;
  let seen: TaskEvent[];
  let notices: string[];
  const fast: FollowTimings = { fallbackAfterMs: 60_000, pollIntervalMs: 10, stallAfterMs: 60_000, giveUpAfterMs: 60_000 };

  beforeEach(async () => {
    server = await new FakeHttpServer({
      [`GET ${ApiRoutes.taskEvents(TASK)}`]: (r) => {
        const after = Number(new URL(r.path, 'http://x').searchParams.get('afterSeq'));
        const items = all.filter((e) => e.seq > after).slice(0, 3);
        return { status: 200, body: { items, lastSeq: 8, terminal: true } };
      },
    }).start();
    socket = new FakeTaskSocket();
    seen = [];
    notices = [];
  });
  afterEach(() => server.stop());

  const follower = (timings: FollowTimings) =>
    new TaskFollower(new ApiClient(server.url), socket, TASK, { event: (e) => seen.push(e), notice: (m) => notices.push(m) }, { now: () => Date.now() }, timings);

  it('subscribes from seq 0, applies socket events in order and resolves with the terminal event', async () => {
    const done = follower(fast).follow();
    socket.connect();
    socket.deliver(...all);
    expect(await done).toEqual(all[7]);
    expect(seen).toEqual(all);
    expect(socket.subscriptions).toEqual([{ taskId: TASK, afterSeq: 0 }]);
    expect(socket.closed).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it('after a drop it resubscribes with the last seq it applied; replayed duplicates are dropped', async () => {
    const done = follower(fast).follow();
    socket.connect();
    socket.deliver(...all.slice(0, 3));
    socket.drop();
    socket.connect();
    await waitFor('resubscription', () => socket.subscriptions.length === 2);
    expect(socket.subscriptions[1]).toEqual({ taskId: TASK, afterSeq: 3 });
    socket.deliver(...all.slice(1));
    expect(await done).toEqual(all[7]);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(notices).toEqual(['connection to the server lost (transport close); reconnecting', `reconnected; resubscribed to task ${TASK} after seq 3`]);
  });

  it('when the socket does not come back, it reads the rest over REST from the last seq, page by page', async () => {
    const done = follower({ ...fast, fallbackAfterMs: 0 }).follow();
    socket.connect();
    socket.deliver(...all.slice(0, 2));
    socket.drop();
    expect(await done).toEqual(all[7]);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(server.requests[0].path).toBe(`${ApiRoutes.taskEvents(TASK)}?afterSeq=2&limit=1000`);
    expect(notices[1]).toMatch(/^the socket is not back after \d+ s; following task t-1 over REST$/);
  });

  it('a hole in the socket stream is filled from REST at once', async () => {
    const done = follower(fast).follow();
    socket.connect();
    socket.deliver(all[0], all[1], all[4]);
    expect(await done).toEqual(all[7]);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(server.requests[0].path).toMatch(/afterSeq=2&/);
  });

  it('an unknown task ends following with exit 1', async () => {
    socket.ack = { ok: false, code: 'TASK_NOT_FOUND', message: 'task t-1 not found' };
    const done = follower(fast).follow();
    socket.connect();
    await expect(done).rejects.toMatchObject({ exitCode: ExitCode.Failed, message: 'task t-1 not found' });
  });

  it('a REST answer refusing the credentials ends following with exit 3', async () => {
    server.routes[`GET ${ApiRoutes.taskEvents(TASK)}`] = () => ({ status: 401, body: { code: 'UNAUTHORIZED', message: 'token expired' } });
    await expect(follower({ ...fast, fallbackAfterMs: 0 }).follow()).rejects.toMatchObject({ exitCode: ExitCode.Unreachable });
  });

  it('neither socket nor REST for giveUpAfterMs: exit 3 saying the task goes on', async () => {
    await server.stop();
    await expect(follower({ ...fast, fallbackAfterMs: 0, giveUpAfterMs: 50 }).follow()).rejects.toMatchObject({
      exitCode: ExitCode.Unreachable,
      message: expect.stringMatching(/task t-1 goes on there/),
    });
  });
});
