import { Injectable, Logger } from '@nestjs/common';

/** In-process cluster lifecycle events (payload = cluster name). */
export interface ClusterEventMap {
  /** A cluster was saved; its watch should start. */
  'cluster:registered': { cluster: string };
  /** A cluster is being deleted: stop its watch before its rows go (awaited). */
  'cluster:removing': { cluster: string };
  /** A cluster and its rows are gone: drop caches. */
  'cluster:removed': { cluster: string };
}

type Listener<K extends keyof ClusterEventMap> = (payload: ClusterEventMap[K]) => void | Promise<void>;

/**
 * Typed in-process event bus from the cluster registry to its consumers (informer, smart-cache),
 * so they can react without ClusterService depending on them (no circular DI).
 */
@Injectable()
export class ClusterEvents {
  private readonly logger = new Logger('ClusterEvents');
  private readonly listeners = new Map<keyof ClusterEventMap, Set<Listener<never>>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof ClusterEventMap>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Calls every listener and waits for all of them; a failing listener is logged, never rethrown. */
  async emit<K extends keyof ClusterEventMap>(event: K, payload: ClusterEventMap[K]): Promise<void> {
    const set = [...(this.listeners.get(event) ?? [])] as Listener<K>[];
    const results = await Promise.allSettled(set.map(async (l) => l(payload)));
    for (const r of results) {
      if (r.status === 'rejected') this.logger.error(`${event} listener failed: ${r.reason instanceof Error ? r.reason.stack : String(r.reason)}`);
    }
  }
}
