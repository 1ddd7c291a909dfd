import { io, type Socket } from 'socket.io-client';
import { REALTIME_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck, type TaskEvent, type TaskSubscribeRequest } from '@knm/contracts';
import type { Credentials } from '../http/api-client';

/** The realtime connection as the follower uses it (an I/O boundary: tests give a fake). */
export interface TaskSocket {
  onConnect(listener: () => void): void;
  onDisconnect(listener: (reason: string) => void): void;
  onConnectError(listener: (err: Error) => void): void;
  onTaskEvent(listener: (event: TaskEvent) => void): void;
  /** `task:subscribe` with an ack; rejects after `timeoutMs` without one. */
  subscribe(req: TaskSubscribeRequest, timeoutMs: number): Promise<SubscribeAck>;
  close(): void;
}

/** Reconnection backoff of the realtime socket, ms (socket.io-client's reconnectionDelay/Max). */
export const SOCKET_RECONNECT_DELAY_MS = 300;
export const SOCKET_RECONNECT_DELAY_MAX_MS = 2_000;

/**
 * Opens `/realtime` on `server` over WebSocket only (no sticky sessions needed behind a load
 * balancer), reconnecting by itself with backoff. The token goes in the handshake's `auth`
 * (never the URL) and is asked for again at every reconnect, so a renewed session is used.
 */
export function openTaskSocket(server: string, credentials: Credentials): TaskSocket {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server + REALTIME_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: SOCKET_RECONNECT_DELAY_MS,
    reconnectionDelayMax: SOCKET_RECONNECT_DELAY_MAX_MS,
    auth: (cb) => {
      credentials.authorization().then(
        (header) => cb(header ? { token: header.replace(/^Bearer /, '') } : {}),
        () => cb({}),
      );
    },
  });
  let closed = false;
  socket.on('disconnect', (reason) => {
    // The server ended the socket on purpose (e.g. a restart): socket.io does not reconnect by itself then.
    if (reason === 'io server disconnect') setTimeout(() => closed || socket.connect(), SOCKET_RECONNECT_DELAY_MS);
  });
  return {
    onConnect: (l) => void socket.on('connect', l),
    onDisconnect: (l) => void socket.on('disconnect', (reason) => l(reason)),
    onConnectError: (l) => void socket.on('connect_error', l),
    onTaskEvent: (l) => void socket.on('task:event', l),
    subscribe: (req, timeoutMs) => socket.timeout(timeoutMs).emitWithAck('task:subscribe', req),
    close: () => {
      closed = true;
      socket.close();
    },
  };
}
