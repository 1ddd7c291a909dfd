import { signal } from '@angular/core';
import type { NodeChangedEvent } from '@knm/contracts';
import type { Subscription } from 'rxjs';
import type { RealtimeService } from './realtime.service';

/**
 * How long a view's first load waits for `cluster:subscribe` to be acknowledged (ms). Loading after
 * the ack means no change can fall between the answer and the subscription, and the view is
 * fetched once, not once on open and again on the ack. With the socket down it loads at once.
 */
export const FIRST_ACK_WAIT_MS = 1_000;

export interface ClusterFollowerHandlers {
  /** (Re)load the view's data: once after the first ack, and after every re-subscribe (catch-up). */
  load(): void;
  /** A `node:changed` of the cluster (possibly before the first load: see `waitingForFirstLoad`). */
  node(event: NodeChangedEvent): void;
}

/**
 * Follows one cluster for a live view (node list, node page): subscribes, asks for the first load
 * after the subscription ack, again after each re-subscribe, and forwards node changes. `subscribed`
 * is the ack of the current subscription: null until it arrives and after a disconnect, false
 * when the server refused it.
 */
export class ClusterFollower {
  readonly subscribed = signal<boolean | null>(null);
  private waiting: boolean;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly sub: Subscription;

  constructor(realtime: RealtimeService, cluster: string, private readonly handlers: ClusterFollowerHandlers) {
    this.waiting = realtime.state() !== 'disconnected';
    if (this.waiting) this.timer = setTimeout(() => this.firstLoad(), FIRST_ACK_WAIT_MS);
    this.sub = realtime.watchCluster(cluster).subscribe((message) => {
      if (message.kind === 'node') handlers.node(message.event);
      else if (message.kind === 'disconnected') this.subscribed.set(null);
      else {
        this.subscribed.set(message.ack ? message.ack.ok : null);
        if (this.waiting) this.firstLoad();
        else handlers.load();
      }
    });
    if (!this.waiting) handlers.load();
  }

  /** True until the first load was asked for: changes arriving meanwhile are in its answer. */
  get waitingForFirstLoad(): boolean {
    return this.waiting;
  }

  stop(): void {
    this.sub.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = false;
  }

  private firstLoad(): void {
    if (!this.waiting) return;
    this.waiting = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.handlers.load();
  }
}
