import type { Socket } from 'socket.io';
import { ErrorCode, SubscribeAck } from '@knm/contracts';
import type { AppConfig, Clock } from '@knm/common';
import type { ClusterClientProvider } from '@knm/cluster';
import { RealtimeGateway } from './realtime.gateway';
import { TaskEventReplay } from './task-event-source';

type Middleware = (packet: unknown[], next: (err?: Error) => void) => void;

/** The parts of a Socket.IO socket the gateway uses: rooms, join/leave, use, disconnect. */
class FakeSocket {
  readonly id = 'sock-1';
  readonly rooms = new Set<string>([this.id]);
  middleware: Middleware | null = null;
  disconnected = false;
  join(room: string): void {
    this.rooms.add(room);
  }
  leave(room: string): void {
    this.rooms.delete(room);
  }
  use(fn: Middleware): void {
    this.middleware = fn;
  }
  disconnect(): void {
    this.disconnected = true;
  }
  emit(): void {}
  /** Sends one event through the middleware; returns the ack it got (if any) and whether it passed. */
  send(event: string): { passed: boolean; ack?: SubscribeAck } {
    let ack: SubscribeAck | undefined;
    let passed = false;
    this.middleware!([event, {}, (res: SubscribeAck) => (ack = res)], () => (passed = true));
    return { passed, ack };
  }
}

const CLUSTERS = new Set(['prod', 'staging']);
const clusters = { clusterNames: async () => [...CLUSTERS] } as unknown as ClusterClientProvider;

function gateway(maxRooms = 3, perSecond = 5, now = () => 0): RealtimeGateway {
  const config = { corsOrigins: [], socketMaxRooms: maxRooms, socketMaxEventsPerSecond: perSecond } as unknown as AppConfig;
  const clock = { monotonic: now, now } as unknown as Clock;
  return new RealtimeGateway(config, new TaskEventReplay(), clusters, clock);
}

const asSocket = (s: FakeSocket) => s as unknown as Socket;

describe('RealtimeGateway limits', () => {
  it('joins a registered cluster and refuses an unknown one with CLUSTER_NOT_FOUND', async () => {
    const g = gateway();
    const s = new FakeSocket();
    await expect(g.subscribeCluster(asSocket(s), { cluster: 'prod' })).resolves.toEqual({ ok: true });
    await expect(g.subscribeCluster(asSocket(s), { cluster: 'made-up' })).resolves.toMatchObject({ ok: false, code: ErrorCode.ClusterNotFound });
    expect([...s.rooms]).toEqual(['sock-1', 'cluster:prod']);
  });

  it('refuses a room beyond socketMaxRooms with TOO_MANY_SUBSCRIPTIONS, but re-joining a held room is fine', async () => {
    const g = gateway(1);
    const s = new FakeSocket();
    expect(await g.subscribeCluster(asSocket(s), { cluster: 'prod' })).toEqual({ ok: true });
    expect(await g.subscribeCluster(asSocket(s), { cluster: 'prod' })).toEqual({ ok: true });
    expect(await g.subscribeCluster(asSocket(s), { cluster: 'staging' })).toMatchObject({ ok: false, code: ErrorCode.TooManySubscriptions });
    const task = await g.subscribeTask(asSocket(s), { taskId: '3b241101-e2bb-4255-8caf-4136c566a962', afterSeq: 0 });
    expect(task).toMatchObject({ ok: false, code: ErrorCode.TooManySubscriptions });
    await g.unsubscribeCluster(asSocket(s), { cluster: 'prod' });
    expect(await g.subscribeCluster(asSocket(s), { cluster: 'staging' })).toEqual({ ok: true });
  });

  it('acks events over the per-second limit with RATE_LIMITED and drops them', () => {
    const g = gateway(3, 2);
    const s = new FakeSocket();
    g.handleConnection(asSocket(s));
    expect(s.send('cluster:subscribe').passed).toBe(true);
    expect(s.send('cluster:subscribe').passed).toBe(true);
    const third = s.send('cluster:subscribe');
    expect(third.passed).toBe(false);
    expect(third.ack).toMatchObject({ ok: false, code: ErrorCode.RateLimited });
    expect(s.disconnected).toBe(false);
  });

  it('disconnects a socket that keeps flooding', () => {
    const g = gateway(3, 2);
    const s = new FakeSocket();
    g.handleConnection(asSocket(s));
    for (let i = 0; i < 5; i++) s.send('anything');
    expect(s.disconnected).toBe(true);
  });
});
