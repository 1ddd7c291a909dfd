import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Adapter as InMemoryAdapter } from 'socket.io-adapter';
import {
  ClusterStatusEvent,
  clusterRoom,
  ErrorCode,
  NodeChangedEvent,
  REALTIME_NAMESPACE,
  SubscribeAck,
  TaskEvent,
  taskRoom,
} from '@knm/contracts';
import { AppConfig, Clock, OriginPolicy } from '@knm/common';
import { ClusterClientProvider } from '@knm/cluster';
import { RealtimePublisher } from './realtime-publisher';
import { parseClusterRequest, parseTaskSubscribe, parseTaskUnsubscribe } from './subscribe-requests';
import { KnownClusters } from './known-clusters';
import { SocketEventLimiter } from './socket-limiter';
import { TaskEventReplay } from './task-event-source';
import { TaskSubscriptions } from './task-subscriptions';

/** Server-to-server event carrying a task event to the other replicas (through the Socket.IO adapter). */
const PEER_TASK_EVENT = 'knm:task-event';

/**
 * The engine is created from this decorator's options before any instance exists, so the CORS
 * callback reads the policy the gateway installs from AppConfig at construction.
 */
let corsPolicy = new OriginPolicy([]);

/**
 * Socket.IO gateway on `/realtime` (contracts REALTIME_NAMESPACE) and the {@link RealtimePublisher}.
 *
 * Client -> server (acked with {@link SubscribeAck}): `task:subscribe {taskId, afterSeq}` joins room
 * `task:<id>` first, then replays persisted events with seq > afterSeq, then live ones;
 * `task:unsubscribe {taskId}`; `cluster:subscribe {cluster}` / `cluster:unsubscribe` join/leave
 * `cluster:<name>`. Task events reach each socket in seq order and at most once per seq
 * (see {@link TaskSubscriptions}); clients still drop any event whose seq they already hold,
 * e.g. after re-subscribing. Works with any Socket.IO adapter: task events cross replicas as
 * server-side events, node and cluster events as room broadcasts.
 *
 * Limits (AppConfig): a socket holds at most `socketMaxRooms` rooms (TOO_MANY_SUBSCRIPTIONS) and
 * sends at most `socketMaxEventsPerSecond` events per second (RATE_LIMITED in the ack; a socket
 * that keeps sending over it is disconnected, see {@link SocketEventLimiter}). `cluster:subscribe`
 * of a cluster that is not registered answers CLUSTER_NOT_FOUND.
 */
@WebSocketGateway({
  namespace: REALTIME_NAMESPACE,
  cors: { origin: (origin: string | undefined, cb: (err: Error | null, allow: boolean) => void) => cb(null, corsPolicy.corsAllows(origin)) },
})
export class RealtimeGateway extends RealtimePublisher implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('RealtimeGateway');
  private readonly subscriptions: TaskSubscriptions;
  private readonly originPolicy: OriginPolicy;
  private readonly knownClusters: KnownClusters;
  @WebSocketServer() private server?: Namespace;

  constructor(
    private readonly config: AppConfig,
    replay: TaskEventReplay,
    clusters: ClusterClientProvider,
    private readonly clock: Clock,
  ) {
    super();
    this.knownClusters = new KnownClusters(() => clusters.clusterNames(), () => clock.monotonic());
    this.originPolicy = new OriginPolicy(config.corsOrigins);
    corsPolicy = this.originPolicy;
    this.subscriptions = new TaskSubscriptions(replay);
  }

  afterInit(server: Namespace): void {
    server.use((socket, next) =>
      this.originPolicy.allows(socket.handshake.headers) ? next() : next(new Error('origin not allowed')),
    );
    server.on(PEER_TASK_EVENT, (event: TaskEvent) => this.subscriptions.deliver(event));
  }

  /** Installs the per-socket event rate limit before any handler sees an event. */
  handleConnection(socket: Socket): void {
    const limiter = new SocketEventLimiter(this.config.socketMaxEventsPerSecond, () => this.clock.monotonic());
    socket.use((packet, next) => {
      const verdict = limiter.admit();
      if (verdict === 'accept') return next();
      const ack: unknown = packet[packet.length - 1];
      if (typeof ack === 'function') {
        const refused: SubscribeAck = {
          ok: false,
          code: ErrorCode.RateLimited,
          message: `at most ${this.config.socketMaxEventsPerSecond} events per second per socket; slow down`,
        };
        (ack as (res: SubscribeAck) => void)(refused);
      }
      if (verdict === 'disconnect') socket.disconnect(true);
    });
  }

  handleDisconnect(socket: Socket): void {
    this.subscriptions.removeSink(socket.id);
  }

  onModuleDestroy(): void {
    this.server?.removeAllListeners(PEER_TASK_EVENT);
  }

  @SubscribeMessage('task:subscribe')
  async subscribeTask(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const req = parseTaskSubscribe(body);
    if ('error' in req) return req.error;
    const full = this.roomLimit(socket, taskRoom(req.taskId));
    if (full) return full;
    await socket.join(taskRoom(req.taskId));
    const sink = { id: socket.id, emit: (e: TaskEvent) => socket.emit('task:event', e) };
    try {
      if (await this.subscriptions.subscribe(sink, req.taskId, req.afterSeq)) return { ok: true };
    } catch {
      await socket.leave(taskRoom(req.taskId));
      return { ok: false, code: ErrorCode.Internal, message: 'could not read the task events; subscribe again' };
    }
    await socket.leave(taskRoom(req.taskId));
    return { ok: false, code: ErrorCode.TaskNotFound, message: `task ${req.taskId} not found` };
  }

  @SubscribeMessage('task:unsubscribe')
  async unsubscribeTask(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const req = parseTaskUnsubscribe(body);
    if ('error' in req) return req.error;
    this.subscriptions.unsubscribe(socket.id, req.taskId);
    await socket.leave(taskRoom(req.taskId));
    return { ok: true };
  }

  @SubscribeMessage('cluster:subscribe')
  async subscribeCluster(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const req = parseClusterRequest(body);
    if ('error' in req) return req.error;
    const full = this.roomLimit(socket, clusterRoom(req.cluster));
    if (full) return full;
    let known: boolean;
    try {
      known = await this.knownClusters.has(req.cluster);
    } catch {
      return { ok: false, code: ErrorCode.Internal, message: 'could not look the cluster up; subscribe again' };
    }
    if (!known) return { ok: false, code: ErrorCode.ClusterNotFound, message: `cluster "${req.cluster}" is not registered` };
    await socket.join(clusterRoom(req.cluster));
    return { ok: true };
  }

  @SubscribeMessage('cluster:unsubscribe')
  async unsubscribeCluster(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const req = parseClusterRequest(body);
    if ('error' in req) return req.error;
    await socket.leave(clusterRoom(req.cluster));
    return { ok: true };
  }

  /** The refusal when joining `room` would put the socket over AppConfig.socketMaxRooms (its own id room not counted). */
  private roomLimit(socket: Socket, room: string): SubscribeAck | null {
    if (socket.rooms.has(room) || socket.rooms.size - 1 < this.config.socketMaxRooms) return null;
    return {
      ok: false,
      code: ErrorCode.TooManySubscriptions,
      message: `a socket may hold at most ${this.config.socketMaxRooms} subscriptions; unsubscribe from one first`,
    };
  }

  publishTaskEvent(event: TaskEvent): void {
    this.subscriptions.deliver(event);
    const server = this.server;
    if (!server || server.adapter.serverSideEmit === InMemoryAdapter.prototype.serverSideEmit) return;
    try {
      server.serverSideEmit(PEER_TASK_EVENT, event);
    } catch (err) {
      // Best effort: peers repair a missed event from the database at the next one (TaskSubscriptions).
      this.logger.warn(`cannot forward task event to peers: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  publishNodeChanged(event: NodeChangedEvent): void {
    this.server?.to(clusterRoom(event.cluster)).emit('node:changed', event);
  }

  publishClusterStatus(event: ClusterStatusEvent): void {
    this.server?.to(clusterRoom(event.cluster)).emit('cluster:status', event);
  }
}
