import type { TaskEvent } from '@knm/contracts';
import { TaskEventReplay, TaskEventSource } from './task-event-source';
import { TaskSubscriptions } from './task-subscriptions';

const TASK = '00000000-0000-4000-8000-000000000001';
const ev = (seq: number): TaskEvent =>
  ({ taskId: TASK, seq, type: 'node:succeeded', at: '', counts: {} as TaskEvent['counts'], status: 'running' }) as TaskEvent;

/** A persisted event log; reads can be held open to let live events arrive meanwhile. */
class Log implements TaskEventSource {
  events: TaskEvent[] = [];
  hold: Promise<void> | null = null;
  async eventsAfter(taskId: string, afterSeq: number, limit: number): Promise<TaskEvent[] | null> {
    if (taskId !== TASK) return null;
    const snapshot = this.events.filter((e) => e.seq > afterSeq).slice(0, limit);
    if (this.hold) await this.hold;
    return snapshot;
  }
}

function setup() {
  const log = new Log();
  const replay = new TaskEventReplay();
  replay.register(log);
  const subs = new TaskSubscriptions(replay);
  const received: number[] = [];
  const sink = { id: 's1', emit: (e: TaskEvent) => received.push(e.seq) };
  /** Persists and publishes, as the progress library does. */
  const commit = (seq: number) => {
    log.events.push(ev(seq));
    subs.deliver(ev(seq));
  };
  return { log, subs, received, sink, commit };
}

describe('TaskSubscriptions', () => {
  it('replays persisted events after afterSeq, then live ones', async () => {
    const { log, subs, received, sink, commit } = setup();
    log.events = [1, 2, 3].map(ev);
    expect(await subs.subscribe(sink, TASK, 1)).toBe(true);
    commit(4);
    expect(received).toEqual([2, 3, 4]);
  });

  it('answers false for an unknown task and keeps no subscription', async () => {
    const { subs, sink } = setup();
    expect(await subs.subscribe(sink, '00000000-0000-4000-8000-00000000dead', 0)).toBe(false);
    expect(subs.subscriberCount('00000000-0000-4000-8000-00000000dead')).toBe(0);
  });

  it('events committed during the replay read arrive once, in order', async () => {
    const { log, subs, received, sink, commit } = setup();
    log.events = [1, 2].map(ev);
    let release!: () => void;
    log.hold = new Promise((r) => (release = r));
    const subscribed = subs.subscribe(sink, TASK, 0);
    commit(3);
    commit(4);
    log.hold = null;
    release();
    await subscribed;
    commit(5);
    expect(received).toEqual([1, 2, 3, 4, 5]);
  });

  it('repairs a gap in live events from the log (a lost or reordered notification)', async () => {
    const { log, subs, received, sink } = setup();
    await subs.subscribe(sink, TASK, 0);
    log.events.push(ev(1), ev(2), ev(3));
    subs.deliver(ev(3)); // 1 and 2 never arrived live
    await new Promise((r) => setImmediate(r));
    subs.deliver(ev(1));
    subs.deliver(ev(2));
    expect(received).toEqual([1, 2, 3]);
  });

  it('a re-subscribe with the last seq continues without duplicates', async () => {
    const { log, subs, received, sink, commit } = setup();
    await subs.subscribe(sink, TASK, 0);
    commit(1);
    commit(2);
    subs.removeSink(sink.id); // disconnect
    log.events.push(ev(3), ev(4)); // committed while away
    await subs.subscribe(sink, TASK, 2);
    commit(5);
    expect(received).toEqual([1, 2, 3, 4, 5]);
  });

  it('unsubscribed sinks receive nothing more', async () => {
    const { subs, received, sink, commit } = setup();
    await subs.subscribe(sink, TASK, 0);
    subs.unsubscribe(sink.id, TASK);
    commit(1);
    expect(received).toEqual([]);
  });
});
