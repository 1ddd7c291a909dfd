import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { SubscribeAck } from '@knm/contracts';
import { Observable, type Subscriber } from 'rxjs';
import {
  REALTIME_SOCKET_FACTORY,
  type ClusterStreamMessage,
  type ConnectionState,
  type RealtimeSocket,
  type TaskStreamMessage,
} from './realtime.types';

const ACK_TIMEOUT_MS = 10_000;
/** Retry delay after the server refused the connection (socket.io stops retrying on its own then). */
const REFUSED_RETRY_MS = 5_000;

interface TaskListener {
  afterSeq: () => number;
  subscriber: Subscriber<TaskStreamMessage>;
}

/**
 * Socket.IO client for the `/realtime` namespace. Connects on first use, reconnects on its own,
 * and after every (re)connect re-sends `cluster:subscribe` / `task:subscribe` for everything
 * still watched (tasks with the caller's current last seq), then tells each watcher it was
 * (re)subscribed so it can repair what it missed.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly createSocket = inject(REALTIME_SOCKET_FACTORY);
  private socket: RealtimeSocket | null = null;
  private readonly clusterWatchers = new Map<string, Set<Subscriber<ClusterStreamMessage>>>();
  private readonly taskWatchers = new Map<string, Set<TaskListener>>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  /** Connection state for the shell's indicator. */
  readonly state = signal<ConnectionState>('disconnected');

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.socket?.disconnect();
    });
  }

  /** Opens the connection now (the shell does, so its indicator tells the truth from the start). */
  connect(): void {
    this.ensureSocket();
  }

  /** `node:changed` events of one cluster, plus a `subscribed` message after every (re)subscribe. */
  watchCluster(cluster: string): Observable<ClusterStreamMessage> {
    return new Observable<ClusterStreamMessage>((subscriber) => {
      const socket = this.ensureSocket();
      let watchers = this.clusterWatchers.get(cluster);
      if (!watchers) this.clusterWatchers.set(cluster, (watchers = new Set()));
      watchers.add(subscriber);
      if (socket.connected) this.subscribeCluster(cluster, new Set([subscriber]));
      return () => {
        const set = this.clusterWatchers.get(cluster);
        set?.delete(subscriber);
        if (set && set.size === 0) {
          this.clusterWatchers.delete(cluster);
          if (this.socket?.connected) this.socket.emit('cluster:unsubscribe', { cluster });
        }
      };
    });
  }

  /**
   * Events of one task. Each (re)subscribe asks the server to replay events after `afterSeq()`,
   * read at that moment, so a reconnect resumes from the last event the caller applied.
   */
  watchTask(taskId: string, afterSeq: () => number): Observable<TaskStreamMessage> {
    return new Observable<TaskStreamMessage>((subscriber) => {
      const socket = this.ensureSocket();
      const listener: TaskListener = { afterSeq, subscriber };
      let listeners = this.taskWatchers.get(taskId);
      if (!listeners) this.taskWatchers.set(taskId, (listeners = new Set()));
      listeners.add(listener);
      if (socket.connected) this.subscribeTask(taskId, listener);
      return () => {
        const set = this.taskWatchers.get(taskId);
        set?.delete(listener);
        if (set && set.size === 0) {
          this.taskWatchers.delete(taskId);
          if (this.socket?.connected) this.socket.emit('task:unsubscribe', { taskId });
        }
      };
    });
  }

  private ensureSocket(): RealtimeSocket {
    if (this.socket) return this.socket;
    const socket = this.createSocket();
    this.socket = socket;
    socket.on('connect', () => {
      this.state.set('connected');
      for (const [cluster, watchers] of this.clusterWatchers) this.subscribeCluster(cluster, watchers);
      for (const [taskId, listeners] of this.taskWatchers) for (const l of listeners) this.subscribeTask(taskId, l);
    });
    // A lost connection is reported at once (the shell and live views say "offline" within the
    // second), even while socket.io retries; the next connect re-subscribes everything.
    socket.on('disconnect', () => {
      this.state.set('disconnected');
      for (const watchers of this.clusterWatchers.values()) for (const w of watchers) w.next({ kind: 'disconnected' });
    });
    socket.on('connect_error', () => {
      if (this.state() !== 'connecting' || !socket.active) this.state.set('disconnected');
      if (!socket.active) this.retryTimer = setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    socket.on('node:changed', (event) => {
      for (const w of this.clusterWatchers.get(event.cluster) ?? []) w.next({ kind: 'node', event });
    });
    socket.on('task:event', (event) => {
      for (const l of this.taskWatchers.get(event.taskId) ?? []) l.subscriber.next({ kind: 'task', event });
    });
    this.state.set('connecting');
    socket.connect();
    return socket;
  }

  private subscribeCluster(cluster: string, watchers: Set<Subscriber<ClusterStreamMessage>>): void {
    this.emitWithTimeout((ack) => this.socket?.emit('cluster:subscribe', { cluster }, ack), (ack) => {
      for (const w of watchers) w.next({ kind: 'subscribed', ack });
    });
  }

  private subscribeTask(taskId: string, listener: TaskListener): void {
    const req = { taskId, afterSeq: listener.afterSeq() };
    this.emitWithTimeout((ack) => this.socket?.emit('task:subscribe', req, ack), (ack) => {
      listener.subscriber.next({ kind: 'subscribed', ack });
    });
  }

  /**
   * Emits with an acknowledgement callback and calls `done` exactly once: with the server's ack,
   * or with null after {@link ACK_TIMEOUT_MS} (a server that does not ack still gets a catch-up).
   */
  private emitWithTimeout(emit: (ack: (res: SubscribeAck) => void) => void, done: (ack: SubscribeAck | null) => void): void {
    let settled = false;
    const timer = setTimeout(() => settle(null), ACK_TIMEOUT_MS);
    const settle = (ack: SubscribeAck | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(ack);
    };
    emit((res) => settle(res));
  }
}
