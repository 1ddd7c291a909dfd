import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  ApiRoutes,
  NODE_LIST_DEFAULT_LIMIT,
  type NodeChangedEvent,
  type NodeFacets,
  type NodeListResponse,
  type NodeSummary,
} from '@knm/contracts';
import type { Subscription } from 'rxjs';
import { ApiClient } from '../../core/api/api-client.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { ServerPagedList } from '../../shared/table/server-paged-list';
import { applyNodeChange, rebaseOnFetch, type LiveOptions } from './live-node-page';
import { membershipFiltered, toNodeListQuery, type NodeListView } from './node-list-query';

/** Debounce of re-fetches asked for by live events (ms): a batch of 100 nodes costs one fetch. */
const REFETCH_DEBOUNCE_MS = 300;

/** One cluster's node list view (filters, sort, page) as the URL states it. */
export interface NodeListFilter extends NodeListView {
  cluster: string;
}

const NO_FILTER: NodeListFilter = {
  cluster: '', selector: '', q: '', readiness: null, cordoned: null, role: '', taint: '', sort: null, order: null,
  page: 1, limit: NODE_LIST_DEFAULT_LIMIT,
};

/**
 * The Nodes table's data: one server page (`GET clusters/:cluster/nodes` with selector, q, facet
 * filters, sort, page, limit) and the facet counts of the filtered set, kept live from `node:changed` after `cluster:subscribe`. Applies events by seq
 * (live-node-page.ts); re-fetches on a gap, on membership changes and after every (re)subscribe.
 */
@Injectable()
export class NodeListStore extends ServerPagedList<NodeSummary, NodeListResponse> {
  private readonly api = inject(ApiClient);
  private readonly realtime = inject(RealtimeService);
  private filter: NodeListFilter = NO_FILTER;
  private liveSub: Subscription | null = null;
  private inFlight = 0;
  private buffered: NodeChangedEvent[] = [];
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;

  /** Per-cluster seq the table reflects. */
  readonly seq = signal(0);
  /** True once `cluster:subscribe` was acknowledged; false while (re)connecting. */
  readonly live = signal(false);
  /** Facet counts of the last answer (filtered set, before paging); null until one arrives. */
  readonly facets = signal<NodeFacets | null>(null);

  constructor() {
    super();
    inject(DestroyRef).onDestroy(() => this.stopLive());
  }

  /** Shows `filter`: re-subscribes when the cluster changed, then loads the page. */
  async show(filter: NodeListFilter): Promise<void> {
    const clusterChanged = filter.cluster !== this.filter.cluster;
    this.filter = filter;
    this.page.set(filter.page);
    this.limit.set(filter.limit);
    if (clusterChanged) {
      this.items.set([]);
      this.total.set(0);
      this.facets.set(null);
      this.startLive(filter.cluster);
    }
    await this.reload();
  }

  override async reload(): Promise<void> {
    if (this.inFlight === 0) this.buffered = [];
    this.inFlight++;
    try {
      await super.reload();
    } finally {
      this.inFlight--;
    }
  }

  protected fetchPage(page: number, limit: number): Promise<NodeListResponse> {
    const query = toNodeListQuery({ ...this.filter, page, limit });
    return this.api.get<NodeListResponse>(ApiRoutes.nodes(this.filter.cluster), { ...query });
  }

  protected override accept(result: NodeListResponse): void {
    const rebased = rebaseOnFetch({ items: result.items, total: result.total, seq: result.seq }, this.buffered, this.options());
    this.buffered = [];
    this.facets.set(result.facets ?? null);
    this.setPage(rebased.page);
    if (rebased.refetch) this.scheduleRefetch();
  }

  private options(): LiveOptions {
    return { filtered: membershipFiltered(this.filter) };
  }

  private startLive(cluster: string): void {
    this.stopLive();
    this.live.set(false);
    this.liveSub = this.realtime.watchCluster(cluster).subscribe((message) => {
      if (message.kind === 'subscribed') {
        this.live.set(message.ack?.ok === true);
        void this.reload();
        return;
      }
      this.onNodeChanged(message.event);
    });
  }

  private stopLive(): void {
    this.liveSub?.unsubscribe();
    this.liveSub = null;
    if (this.refetchTimer) clearTimeout(this.refetchTimer);
    this.refetchTimer = null;
  }

  private onNodeChanged(event: NodeChangedEvent): void {
    if (event.cluster !== this.filter.cluster) return;
    if (this.inFlight > 0) {
      this.buffered.push(event);
      return;
    }
    const current = { items: this.items(), total: this.total(), seq: this.seq() };
    const result = applyNodeChange(current, event, this.options());
    if (result.page !== current) this.setPage(result.page);
    if (result.refetch) this.scheduleRefetch();
  }

  private setPage(page: { items: readonly NodeSummary[]; total: number; seq: number }): void {
    this.items.set(page.items);
    this.total.set(page.total);
    this.seq.set(page.seq);
  }

  private scheduleRefetch(): void {
    if (this.refetchTimer) return;
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = null;
      void this.reload();
    }, REFETCH_DEBOUNCE_MS);
  }
}
