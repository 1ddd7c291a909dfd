import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  ApiRoutes,
  NODE_LIST_DEFAULT_LIMIT,
  type NodeChangedEvent,
  type NodeFacets,
  type NodeListResponse,
  type NodeSummary,
} from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { isNotFound } from '../../core/api/api-error-text';
import { ApiReachability } from '../../core/api/api-reachability';
import { ClusterFollower } from '../../core/realtime/cluster-follower';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { ServerPagedList } from '../../shared/table/server-paged-list';
import { applyNodeChange, rebaseOnFetch, type LiveOptions, type LivePage } from './live-node-page';
import { membershipFiltered, toNodeListQuery, type NodeListView } from './node-list-query';

/** Debounce of re-fetches asked for by live events (ms): a batch of 100 nodes costs one fetch. */
const REFETCH_DEBOUNCE_MS = 300;

/** One cluster's node list view (filters, sort, page) as the URL states it. */
export interface NodeListFilter extends NodeListView {
  cluster: string;
}

/**
 * Whether the table follows the cluster: `live` (subscribed, acknowledged, cluster exists, API and
 * socket up), `connecting` (subscription not acknowledged yet), `offline` (socket down or an API
 * request got no answer) or `unavailable` (the cluster does not exist or the server refused).
 */
export type LiveState = 'live' | 'connecting' | 'offline' | 'unavailable';

const NO_FILTER: NodeListFilter = {
  cluster: '', selector: '', q: '', readiness: null, cordoned: null, role: '', taint: '', sort: null, order: null,
  page: 1, limit: NODE_LIST_DEFAULT_LIMIT,
};

/**
 * The Nodes table's data: one server page (`GET clusters/:cluster/nodes` with selector, q, facet
 * filters, sort, page, limit) and the facet counts of the filtered set, kept live from
 * `node:changed` after `cluster:subscribe`. Applies events by seq (live-node-page.ts: rows and
 * facet counts); re-fetches on a gap, on changes it cannot place, and after every re-subscribe.
 * A cluster's first page is fetched once, after the subscription is acknowledged.
 */
@Injectable()
export class NodeListStore extends ServerPagedList<NodeSummary, NodeListResponse> {
  private readonly api = inject(ApiClient);
  private readonly realtime = inject(RealtimeService);
  private readonly reachability = inject(ApiReachability);
  private filter: NodeListFilter = NO_FILTER;
  private follower: ClusterFollower | null = null;
  private inFlight = 0;
  private buffered: NodeChangedEvent[] = [];
  private refetchTimer: ReturnType<typeof setTimeout> | null = null;
  /** The follower of the current cluster, as a signal so `liveState` tracks its `subscribed`. */
  private readonly follower$ = signal<ClusterFollower | null>(null);
  /** The last list answer said the cluster does not exist. */
  private readonly clusterMissing = signal(false);

  /** Per-cluster seq the table reflects. */
  readonly seq = signal(0);
  /** Facet counts of the filtered set (before paging), kept current with live events; null until an answer. */
  readonly facets = signal<NodeFacets | null>(null);
  readonly liveState = computed<LiveState>(() => {
    if (!this.reachability.reachable() || this.realtime.state() === 'disconnected') return 'offline';
    const subscribed = this.follower$()?.subscribed() ?? null;
    if (this.clusterMissing() || subscribed === false) return 'unavailable';
    if (this.realtime.state() !== 'connected' || subscribed === null) return 'connecting';
    return 'live';
  });
  /** True only while node changes of an existing cluster are being received. */
  readonly live = computed(() => this.liveState() === 'live');

  constructor() {
    super();
    inject(DestroyRef).onDestroy(() => this.stopLive());
  }

  /**
   * Shows `filter`. A new cluster is subscribed first and its page fetched once the subscription
   * is acknowledged (ClusterFollower); a new filter on the same cluster is fetched at once.
   */
  async show(filter: NodeListFilter): Promise<void> {
    const clusterChanged = filter.cluster !== this.filter.cluster;
    this.filter = filter;
    this.page.set(filter.page);
    this.limit.set(filter.limit);
    if (clusterChanged) {
      this.items.set([]);
      this.total.set(0);
      this.facets.set(null);
      this.clusterMissing.set(false);
      this.startLive(filter.cluster);
      return;
    }
    if (!this.follower?.waitingForFirstLoad) await this.reload();
  }

  override async reload(): Promise<void> {
    if (this.inFlight === 0) this.buffered = [];
    this.inFlight++;
    try {
      await super.reload();
      const error = this.error();
      if (error) this.clusterMissing.set(isNotFound(error, ['cluster']));
    } finally {
      this.inFlight--;
    }
  }

  protected fetchPage(page: number, limit: number): Promise<NodeListResponse> {
    const query = toNodeListQuery({ ...this.filter, page, limit });
    return this.api.get<NodeListResponse>(ApiRoutes.nodes(this.filter.cluster), { ...query });
  }

  protected override accept(result: NodeListResponse): void {
    this.clusterMissing.set(false);
    const fetched: LivePage = { items: result.items, total: result.total, seq: result.seq, facets: result.facets ?? null };
    const rebased = rebaseOnFetch(fetched, this.buffered, this.options());
    this.buffered = [];
    this.setPage(rebased.page);
    if (rebased.refetch) this.scheduleRefetch();
  }

  private options(): LiveOptions {
    return { filtered: membershipFiltered(this.filter) };
  }

  private startLive(cluster: string): void {
    this.stopLive();
    this.follower = new ClusterFollower(this.realtime, cluster, {
      load: () => void this.reload(),
      node: (event) => this.onNodeChanged(event),
    });
    this.follower$.set(this.follower);
  }

  private stopLive(): void {
    this.follower?.stop();
    this.follower = null;
    if (this.refetchTimer) clearTimeout(this.refetchTimer);
    this.refetchTimer = null;
  }

  private onNodeChanged(event: NodeChangedEvent): void {
    if (event.cluster !== this.filter.cluster) return;
    if (this.inFlight > 0 || this.follower?.waitingForFirstLoad) {
      this.buffered.push(event);
      return;
    }
    const current: LivePage = { items: this.items(), total: this.total(), seq: this.seq(), facets: this.facets() };
    const result = applyNodeChange(current, event, this.options());
    if (result.page !== current) this.setPage(result.page);
    if (result.refetch) this.scheduleRefetch();
  }

  private setPage(page: LivePage): void {
    this.items.set(page.items);
    this.total.set(page.total);
    this.seq.set(page.seq);
    this.facets.set(page.facets);
  }

  private scheduleRefetch(): void {
    if (this.refetchTimer) return;
    this.refetchTimer = setTimeout(() => {
      this.refetchTimer = null;
      void this.reload();
    }, REFETCH_DEBOUNCE_MS);
  }
}
