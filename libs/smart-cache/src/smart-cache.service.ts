import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ErrorCode, NodeChangedEvent, NodeDetailResponse, NodeListQuery, NodeListResponse, NodeSummary } from '@knm/contracts';
import { DomainError } from '@knm/common';
import { ClusterEvents, ClusterService, describeKubernetesError } from '@knm/cluster';
import type { ClusterNodeEntity } from '@knm/persistence';
import { toPodSummary } from './drain-filters';
import { NodeIndex } from './node-index';
import { parseNodeSelector } from './node-selector';
import { NodePodsReader } from './node-pods.reader';
import { queryNodes } from './node-query';
import { NodeStore } from './node-store';
import { SmartCacheRepository } from './smart-cache.repository';

export type NodeChangeType = NodeChangedEvent['type'];

export type { NodeDetailResponse } from '@knm/contracts';

/** Cache state of one cluster (for health). */
export interface CacheState {
  cluster: string;
  seq: number;
  synced: boolean;
  nodes: number;
}

/** 404 NODE_NOT_FOUND. */
export class NodeNotFoundError extends DomainError {
  constructor(cluster: string, node: string) {
    super(ErrorCode.NodeNotFound, `node "${node}" not found in cluster "${cluster}"`, { cluster, node });
  }
}

/**
 * The per-replica in-memory node index. Fed by the informer (`applyChange`, leader) or from the
 * `cluster_nodes` table (`loadFromTable`, `catchUp`, followers); answers node queries from memory.
 * A change whose seq skips ahead of the last applied one triggers a catch-up from the table.
 */
@Injectable()
export class SmartCacheService extends NodeIndex implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SmartCacheService');
  private readonly stores = new Map<string, NodeStore>();
  private readonly catchUps = new Map<string, Promise<void>>();
  private readonly highestSeen = new Map<string, number>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly repository: SmartCacheRepository,
    private readonly clusters: ClusterService,
    private readonly events: ClusterEvents,
    private readonly pods: NodePodsReader,
  ) {
    super();
  }

  onModuleInit(): void {
    this.unsubscribe = this.events.on('cluster:removed', ({ cluster }) => this.drop(cluster));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * Applies one change with its per-cluster `seq`: ignored when already applied (seq <= last),
   * applied when next (seq = last + 1), otherwise a gap: a catch-up from the table is started.
   * `node` is the summary after the change (for `deleted`, the last one known).
   */
  applyChange(cluster: string, seq: number, type: NodeChangeType, node: NodeSummary): void {
    const store = this.storeOf(cluster);
    if (seq <= store.seq) return;
    if (seq > store.seq + 1) {
      this.highestSeen.set(cluster, Math.max(seq, this.highestSeen.get(cluster) ?? 0));
      void this.catchUp(cluster).catch((err: unknown) => this.logger.error(`catch-up of ${cluster} failed: ${String(err)}`));
      return;
    }
    if (type === 'deleted') store.remove(node.name);
    else store.upsert(node);
    store.seq = seq;
  }

  /** {@link applyChange} for a `node:changed` payload (followers); a deletion needs only the name. */
  applyEvent(event: NodeChangedEvent): void {
    const node = event.node ?? this.get(event.cluster, event.name) ?? ({ name: event.name, labels: {} } as NodeSummary);
    this.applyChange(event.cluster, event.seq, event.type, node);
  }

  /** Replaces the cluster's cache with the table's live rows; seq = the highest seq in the table. */
  async loadFromTable(cluster: string): Promise<void> {
    const rows = await this.repository.allRows(cluster);
    const store = this.storeOf(cluster);
    store.clear();
    for (const row of rows) if (!row.deleted) store.upsert(row.summary);
    store.seq = rows.reduce((max, r) => Math.max(max, r.seq), 0);
  }

  /** Applies the table's rows with seq above the last applied one (deduplicated while running). */
  catchUp(cluster: string): Promise<void> {
    const running = this.catchUps.get(cluster);
    if (running) return running;
    const run = this.runCatchUp(cluster).finally(() => this.catchUps.delete(cluster));
    this.catchUps.set(cluster, run);
    return run;
  }

  /** Marks whether the cache holds a complete list of the cluster (set by the informer after each list). */
  markSynced(cluster: string, synced: boolean): void {
    this.storeOf(cluster).synced = synced;
  }

  /** Forgets a cluster (on deletion). */
  drop(cluster: string): void {
    this.stores.delete(cluster);
    this.highestSeen.delete(cluster);
  }

  /** Last applied seq of a cluster (0 = nothing yet). */
  seqOf(cluster: string): number {
    return this.stores.get(cluster)?.seq ?? 0;
  }

  states(): CacheState[] {
    return [...this.stores.entries()].map(([cluster, s]) => ({ cluster, seq: s.seq, synced: s.synced, nodes: s.size }));
  }

  override get(cluster: string, name: string): NodeSummary | undefined {
    return this.stores.get(cluster)?.get(name);
  }

  override select(cluster: string, selector: string): string[] {
    const parsed = parseNodeSelector(selector);
    const store = this.stores.get(cluster);
    if (!store) return [];
    return store.ordered('name').filter((n) => parsed.matches(n.labels)).map((n) => n.name);
  }

  override isSynced(cluster: string): boolean {
    return this.stores.get(cluster)?.synced ?? false;
  }

  /**
   * `GET /clusters/:cluster/nodes`: filtered, sorted, paged nodes with facets.
   * @throws ClusterNotFoundError (404), InvalidSelectorError (400), ValidationError (400).
   */
  async listNodes(cluster: string, query: NodeListQuery): Promise<NodeListResponse> {
    return queryNodes(await this.ensureLoaded(cluster), query);
  }

  /**
   * `GET /clusters/:cluster/nodes/:node`: the summary plus its pods (listed live, with drain eligibility).
   * @throws ClusterNotFoundError (404), NodeNotFoundError (404).
   */
  async nodeDetail(cluster: string, name: string): Promise<NodeDetailResponse> {
    const store = await this.ensureLoaded(cluster);
    const node = store.get(name);
    if (!node) throw new NodeNotFoundError(cluster, name);
    try {
      const pods = (await this.pods.podsOnNode(cluster, name)).map(toPodSummary);
      return { ...node, pods, podsError: null, seq: store.seq };
    } catch (err) {
      return { ...node, pods: null, podsError: describeKubernetesError(err), seq: store.seq };
    }
  }

  /** The cluster's store, loaded from the table on first use. @throws ClusterNotFoundError (404). */
  private async ensureLoaded(cluster: string): Promise<NodeStore> {
    const store = this.stores.get(cluster);
    if (store) return store;
    await this.clusters.assertExists(cluster);
    await this.loadFromTable(cluster);
    return this.storeOf(cluster);
  }

  private storeOf(cluster: string): NodeStore {
    let store = this.stores.get(cluster);
    if (!store) this.stores.set(cluster, (store = new NodeStore()));
    return store;
  }

  private async runCatchUp(cluster: string): Promise<void> {
    // Repeat while changes newer than what was read keep being announced during the read.
    for (let round = 0; round < 10; round++) {
      const store = this.storeOf(cluster);
      const rows = await this.repository.rowsAfter(cluster, store.seq);
      this.applyRows(store, rows);
      if ((this.highestSeen.get(cluster) ?? 0) <= store.seq) return;
    }
  }

  private applyRows(store: NodeStore, rows: ClusterNodeEntity[]): void {
    for (const row of rows) {
      if (row.deleted) store.remove(row.name);
      else store.upsert(row.summary);
      store.seq = Math.max(store.seq, row.seq);
    }
  }
}
