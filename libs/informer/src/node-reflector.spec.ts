import type { V1Node } from '@kubernetes/client-node';
import type { NodeSummary } from '@knm/contracts';
import { waitFor } from '@test/harness';
import { NodeReflector, NodeSink, NodeWatchEvent, ReflectorDeps } from './node-reflector';
import { NodeList, NodeWatchSource, WatchHandlers, WatchStop } from './node-watch-source';

const v1 = (name: string, rv: string, labels: Record<string, string> = {}): V1Node => ({
  metadata: { name, resourceVersion: rv, uid: `uid-${name}`, labels },
});

/** Scriptable source: each list call takes the next scripted result; watches are driven by the test. */
class FakeSource extends NodeWatchSource {
  lists: (NodeList | Error)[] = [];
  listCalls = 0;
  watches: { rv: string; handlers: WatchHandlers; aborted: boolean }[] = [];

  override async listNodes(): Promise<NodeList> {
    const next = this.lists[Math.min(this.listCalls++, this.lists.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  }

  override async watchNodes(_c: string, rv: string, handlers: WatchHandlers): Promise<WatchStop> {
    const w = { rv, handlers, aborted: false };
    this.watches.push(w);
    return { abort: () => (w.aborted = true) };
  }

  get current() {
    return this.watches[this.watches.length - 1];
  }
}

class RecordingSink implements NodeSink {
  lists: NodeSummary[][] = [];
  events: NodeWatchEvent[] = [];
  async replaceAll(nodes: NodeSummary[]) {
    this.lists.push(nodes);
  }
  async applyEvents(events: NodeWatchEvent[]) {
    this.events.push(...events);
  }
}

function setup(lists: (NodeList | Error)[], now = { t: 0 }) {
  const source = new FakeSource();
  source.lists = lists;
  const sink = new RecordingSink();
  const statuses: string[] = [];
  const sleeps: number[] = [];
  const deps: ReflectorDeps = {
    source,
    sink,
    onStatus: (e) => statuses.push(e.kind === 'synced' ? 'synced' : `error:${e.failedWhile}:${e.message}`),
    now: () => now.t,
    wallNow: () => 1_700_000_000_000 + now.t,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
  };
  const reflector = new NodeReflector('c1', deps, { backoff: { initialMs: 100, maxMs: 1000, factor: 2, resetAfterMs: 10_000 }, stallMs: 5_000, minWatchMs: 0 });
  const stop = new AbortController();
  const running = reflector.run(stop.signal);
  const finish = async () => {
    stop.abort();
    await running;
  };
  return { source, sink, statuses, sleeps, reflector, finish, now };
}

describe('NodeReflector', () => {
  it('delivers the list, then watches from the list resourceVersion and delivers events', async () => {
    const t = setup([{ items: [v1('a', '5')], resourceVersion: '10' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    expect(t.sink.lists[0].map((n) => n.name)).toEqual(['a']);
    expect(t.source.current.rv).toBe('10');
    t.source.current.handlers.onEvent('MODIFIED', v1('a', '11', { x: '1' }));
    await waitFor('event delivered', () => t.sink.events.length === 1);
    expect(t.sink.events[0]).toMatchObject({ type: 'MODIFIED', node: { name: 'a', labels: { x: '1' } } });
    expect(t.statuses).toEqual(['synced']);
    await t.finish();
  });

  it('resumes from the last resourceVersion after a normal close, without relisting', async () => {
    const t = setup([{ items: [], resourceVersion: '10' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    t.source.current.handlers.onEvent('ADDED', v1('b', '12'));
    t.source.current.handlers.onClose(null);
    await waitFor('second watch', () => t.source.watches.length === 2);
    expect(t.source.current.rv).toBe('12');
    expect(t.source.listCalls).toBe(1);
    await t.finish();
  });

  it('treats a bookmark as progress: the next watch starts from its resourceVersion', async () => {
    const t = setup([{ items: [], resourceVersion: '10' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    t.source.current.handlers.onEvent('BOOKMARK', v1('', '40'));
    t.source.current.handlers.onClose(null);
    await waitFor('second watch', () => t.source.watches.length === 2);
    expect(t.source.current.rv).toBe('40');
    expect(t.sink.events).toEqual([]);
    await t.finish();
  });

  it('relists on an in-stream 410 Gone', async () => {
    const t = setup([{ items: [v1('a', '1')], resourceVersion: '10' }, { items: [v1('b', '2')], resourceVersion: '20' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    t.source.current.handlers.onEvent('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    await waitFor('relisted and watching', () => t.source.watches.length === 2);
    expect(t.sink.lists.map((l) => l.map((n) => n.name))).toEqual([['a'], ['b']]);
    expect(t.source.current.rv).toBe('20');
    expect(t.reflector.state().restarts).toBe(0);
    await t.finish();
  });

  it('relists on an HTTP 410 when opening the watch', async () => {
    const t = setup([{ items: [], resourceVersion: '10' }, { items: [], resourceVersion: '30' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    t.source.current.handlers.onClose(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await waitFor('relisted', () => t.source.listCalls === 2 && t.source.watches.length === 2);
    expect(t.source.current.rv).toBe('30');
    await t.finish();
  });

  it('backs off and relists after a watch error, reporting it as degraded-while-watching', async () => {
    const t = setup([{ items: [], resourceVersion: '10' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    t.source.current.handlers.onClose(new Error('connection reset'));
    await waitFor('restarted', () => t.source.watches.length === 2);
    expect(t.statuses).toEqual(['synced', 'error:watching:connection reset', 'synced']);
    expect(t.sleeps).toEqual([75]);
    expect(t.reflector.state()).toMatchObject({ restarts: 1, lastError: 'connection reset', synced: true, relists: 2 });
    await t.finish();
  });

  it('retries a failing list with growing delays and reports it as failing while listing', async () => {
    const t = setup([new Error('ECONNREFUSED'), new Error('ECONNREFUSED'), { items: [], resourceVersion: '1' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    expect(t.statuses).toEqual(['error:listing:ECONNREFUSED', 'error:listing:ECONNREFUSED', 'synced']);
    expect(t.sleeps).toEqual([75, 150]);
    await t.finish();
  });

  it('restarts a watch the watchdog finds silent for longer than stallMs', async () => {
    const t = setup([{ items: [], resourceVersion: '10' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    t.now.t = 4_000;
    expect(t.reflector.checkStalled()).toBe(false);
    t.now.t = 6_000;
    expect(t.reflector.checkStalled()).toBe(true);
    await waitFor('restarted', () => t.source.watches.length === 2);
    expect(t.source.watches[0].aborted).toBe(true);
    expect(t.reflector.state().lastError).toMatch(/watchdog: no progress while watching/);
    await t.finish();
  });

  it('stops watching when its signal aborts', async () => {
    const t = setup([{ items: [], resourceVersion: '10' }]);
    await waitFor('watch started', () => t.source.watches.length === 1);
    await t.finish();
    expect(t.source.current.aborted).toBe(true);
    expect(t.reflector.state().phase).toBe('stopped');
  });
});
