import { io, Socket } from 'socket.io-client';
import {
  ClientToServerEvents,
  NodeChangedEvent,
  REALTIME_NAMESPACE,
  ServerToClientEvents,
  SubscribeAck,
  TaskEvent,
  TERMINAL_TASK_EVENT_TYPES,
} from '@knm/contracts';
import { waitFor } from './http';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A test socket on `/realtime` that records every task event and node change it receives. */
export class RealtimeClient {
  readonly socket: RealtimeSocket;
  readonly taskEvents: TaskEvent[] = [];
  readonly nodeChanges: NodeChangedEvent[] = [];

  constructor(baseUrl: string, opts: { transports?: string[] } = {}) {
    this.socket = io(baseUrl + REALTIME_NAMESPACE, {
      transports: opts.transports ?? ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on('task:event', (e) => this.taskEvents.push(e));
    this.socket.on('node:changed', (e) => this.nodeChanges.push(e));
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
    });
  }

  subscribeTask(taskId: string, afterSeq = 0): Promise<SubscribeAck> {
    return this.socket.timeout(10_000).emitWithAck('task:subscribe', { taskId, afterSeq });
  }

  subscribeCluster(cluster: string): Promise<SubscribeAck> {
    return this.socket.timeout(10_000).emitWithAck('cluster:subscribe', { cluster });
  }

  eventsFor(taskId: string): TaskEvent[] {
    return this.taskEvents.filter((e) => e.taskId === taskId);
  }

  /** Waits until the terminal event of `taskId` has arrived; returns all its events received. */
  async untilTerminal(taskId: string, timeoutMs = 60_000): Promise<TaskEvent[]> {
    await waitFor(
      `terminal event of task ${taskId}`,
      () => this.eventsFor(taskId).some((e) => TERMINAL_TASK_EVENT_TYPES.includes(e.type)),
      timeoutMs,
      50,
    );
    return this.eventsFor(taskId);
  }

  close(): void {
    this.socket.close();
  }
}
