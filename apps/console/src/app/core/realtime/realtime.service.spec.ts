import { TestBed } from '@angular/core/testing';
import type { SubscribeAck, TaskEvent } from '@knm/contracts';
import { RealtimeService } from './realtime.service';
import { REALTIME_SOCKET_FACTORY, type RealtimeSocket, type TaskStreamMessage } from './realtime.types';

type Handler = (...args: unknown[]) => void;

/** Fake socket at the I/O boundary: records emits, lets the test fire server events. */
class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown, ack?: (res: SubscribeAck) => void): this {
    this.emitted.push({ event, payload });
    ack?.({ ok: true });
    return this;
  }
  connect(): this {
    return this;
  }
  disconnect(): this {
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}

describe('RealtimeService', () => {
  let socket: FakeSocket;
  let service: RealtimeService;

  beforeEach(() => {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [{ provide: REALTIME_SOCKET_FACTORY, useValue: () => socket as unknown as RealtimeSocket }],
    });
    service = TestBed.inject(RealtimeService);
  });

  it('re-subscribes a task after a reconnect with the last seq the caller applied', () => {
    let lastSeq = 0;
    service.watchTask('t1', () => lastSeq).subscribe();
    socket.fire('connect');
    lastSeq = 7;
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    const subscribes = socket.emitted.filter((e) => e.event === 'task:subscribe').map((e) => e.payload);
    expect(subscribes).toEqual([{ taskId: 't1', afterSeq: 0 }, { taskId: 't1', afterSeq: 7 }]);
  });

  it('re-subscribes a cluster after a reconnect and tells the watcher to catch up', () => {
    const kinds: string[] = [];
    service.watchCluster('c1').subscribe((m) => kinds.push(m.kind));
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    const subscribes = socket.emitted.filter((e) => e.event === 'cluster:subscribe');
    expect({ subscribes: subscribes.length, kinds }).toEqual({ subscribes: 2, kinds: ['subscribed', 'disconnected', 'subscribed'] });
  });

  it('reports a lost connection at once as disconnected, even while socket.io retries on its own', () => {
    service.connect();
    socket.fire('connect');
    const connected = service.state();
    socket.active = true;
    socket.fire('disconnect', 'transport close');
    const dropped = service.state();
    socket.fire('connect_error', new Error('refused'));
    expect([connected, dropped, service.state()]).toEqual(['connected', 'disconnected', 'disconnected']);
  });

  it('says connecting, not offline, before the first connection', () => {
    service.connect();
    socket.fire('connect_error', new Error('not yet'));
    expect(service.state()).toBe('connecting');
  });

  it('delivers task events only to watchers of that task', () => {
    const got: TaskStreamMessage[] = [];
    service.watchTask('t1', () => 0).subscribe((m) => got.push(m));
    socket.fire('connect');
    const event = { taskId: 't2', seq: 1 } as TaskEvent;
    socket.fire('task:event', event);
    socket.fire('task:event', { ...event, taskId: 't1' });
    expect(got.filter((m) => m.kind === 'task').map((m) => (m.kind === 'task' ? m.event.taskId : ''))).toEqual(['t1']);
  });

  it('unsubscribes from the server when the last watcher of a cluster leaves', () => {
    const sub = service.watchCluster('c1').subscribe();
    socket.fire('connect');
    sub.unsubscribe();
    expect(socket.emitted.at(-1)).toEqual({ event: 'cluster:unsubscribe', payload: { cluster: 'c1' } });
  });
});
