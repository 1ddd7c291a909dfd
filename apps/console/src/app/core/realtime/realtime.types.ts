import { InjectionToken } from '@angular/core';
import type {
  ClientToServerEvents,
  NodeChangedEvent,
  ServerToClientEvents,
  SubscribeAck,
  TaskEvent,
} from '@knm/contracts';
import { io, type Socket } from 'socket.io-client';
import { REALTIME_NAMESPACE } from '@knm/contracts';

/** The `/realtime` socket, typed with the contracts' event maps. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * `connecting` until the first connection; `connected`; `disconnected` whenever the connection is
 * lost or refused (the client keeps retrying on its own, but the view is not live meanwhile).
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/**
 * Emitted after every (re)subscription, including the one after a reconnect: whatever the
 * consumer holds may have missed events, so it should catch up (re-fetch, or replay afterSeq).
 * `ack` is null when the server did not acknowledge within the timeout.
 */
export interface SubscribedMessage {
  kind: 'subscribed';
  ack: SubscribeAck | null;
}

/** The socket dropped: nothing arrives until the next `subscribed` (the subscription is then renewed). */
export interface DisconnectedMessage {
  kind: 'disconnected';
}

export type ClusterStreamMessage = SubscribedMessage | DisconnectedMessage | { kind: 'node'; event: NodeChangedEvent };
export type TaskStreamMessage = SubscribedMessage | { kind: 'task'; event: TaskEvent };

/** Creates the socket (not yet connected). Replaced in unit tests. */
export const REALTIME_SOCKET_FACTORY = new InjectionToken<() => RealtimeSocket>('knm.realtimeSocketFactory', {
  providedIn: 'root',
  factory: () => () =>
    io(REALTIME_NAMESPACE, {
      path: '/socket.io',
      // WebSocket only: long-polling needs sticky sessions behind a multi-replica load balancer.
      transports: ['websocket'],
      autoConnect: false,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    }),
});
