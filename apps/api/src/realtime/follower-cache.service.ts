import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppConfig, Clock } from '@knm/common';
import { ClusterService } from '@knm/cluster';
import { ClusterHealth, ClusterHealthRegistry, ClusterHealthSource } from '@knm/health';
import { InformerService } from '@knm/informer';
import { LeaseCoordinator } from '@knm/leader';
import { SmartCacheService } from '@knm/smart-cache';
import { PgNotificationListener } from './pg-notification-listener';

/** Channel of the node-change hints; must match the trigger of migration 1732173000000-node-change-notify. */
export const NODE_CHANGES_CHANNEL = 'knm_node_changes';

/**
 * A `knm_node_changes` payload: the highest seq just committed for a cluster, or (`removed`) the
 * cluster's row was deleted (migration 1732174000000-cluster-removal).
 */
interface NodeChangeHint {
  cluster: string;
  seq: number;
  removed: boolean;
}

function parseHint(payload: string): NodeChangeHint | null {
  try {
    const v = JSON.parse(payload) as Partial<NodeChangeHint>;
    return typeof v.cluster === 'string' && typeof v.seq === 'number'
      ? { cluster: v.cluster, seq: v.seq, removed: v.removed === true }
      : null;
  } catch {
    return null;
  }
}

/**
 * Replicated mode: keeps this replica's node cache current for the clusters it does NOT lead.
 *
 * The leader writes `cluster_nodes` rows (fenced, per-cluster seq); a trigger NOTIFYs
 * `{cluster, seq}` at commit. On a hint ahead of the cache, this service reads the rows with
 * seq > last (`SmartCacheService.catchUp`): the hint is only a wake-up, the table is the data, so
 * a lost hint (listener reconnecting, TECH-NOTES 5/6) is repaired by the next hint, by the
 * catch-up after every (re)LISTEN, and by the periodic catch-up every
 * `AppConfig.cacheCatchUpIntervalMs` (every second while a followed cache is not yet synced). A
 * follower's cache counts as synced once it has caught up and the leader has recorded the cluster
 * as `synced` (batch refuses targets from an unsynced cache).
 *
 * Each round also reconciles contention: clusters registered or removed through another replica
 * only raise in-process events there, so this replica starts (or stops) contending for their
 * `informer:<cluster>` lease here, which keeps failover working for them.
 * Embedded mode (no KNM_DATABASE_URL): does nothing.
 */
@Injectable()
export class FollowerCacheService extends ClusterHealthSource implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FollowerCacheService');
  private readonly stopped = new AbortController();
  private readonly known = new Set<string>();
  private readonly leaderSynced = new Set<string>();
  private listener: PgNotificationListener | null = null;
  private loop: Promise<void> | null = null;
  private unregister: (() => void) | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cache: SmartCacheService,
    private readonly informer: InformerService,
    private readonly clusters: ClusterService,
    private readonly leases: LeaseCoordinator,
    @Optional() private readonly health?: ClusterHealthRegistry,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (!this.config.databaseUrl) return;
    this.unregister = this.health?.register(this) ?? null;
    this.listener = new PgNotificationListener(this.config.databaseUrl, NODE_CHANGES_CHANNEL, {
      onNotification: (payload) => this.onHint(payload),
      onListening: () => void this.round(),
    }, this.clock);
    this.listener.start();
    this.loop = this.periodic();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped.abort();
    this.unregister?.();
    await this.listener?.stop();
    await this.loop;
  }

  /** {@link ClusterHealthSource}: the clusters this replica follows. */
  override clusterHealth(): ClusterHealth[] {
    return [...this.known]
      .filter((c) => !this.leads(c))
      .map((cluster) => ({ cluster, role: 'follower', cacheSeq: this.cache.seqOf(cluster), synced: this.cache.isSynced(cluster) }));
  }

  private leads(cluster: string): boolean {
    return this.leases.status().some((l) => l.name === `informer:${cluster}` && l.held);
  }

  private onHint(payload: string): void {
    const hint = parseHint(payload);
    if (!hint) return;
    // Removed through any replica: stop watching (even as leader) and drop the cache now.
    if (hint.removed) return void this.round();
    if (this.leads(hint.cluster) || this.cache.seqOf(hint.cluster) >= hint.seq) return;
    // A cluster registered through another replica: contend for its lease and follow it now.
    if (!this.known.has(hint.cluster)) void this.round();
    else void this.follow(hint.cluster);
  }

  /** Catches the cluster's cache up from the table; marks it synced once the leader has listed. */
  private async follow(cluster: string): Promise<void> {
    try {
      await this.cache.catchUp(cluster);
      if (this.cache.isSynced(cluster)) return;
      if (!this.leaderSynced.has(cluster) && (await this.clusters.get(cluster)).status === 'synced') this.leaderSynced.add(cluster);
      if (this.leaderSynced.has(cluster)) this.cache.markSynced(cluster, true);
    } catch (err) {
      this.logger.warn(`catch-up of ${cluster} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async periodic(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      // Sooner while a followed cache still waits for the leader's first list.
      const waiting = [...this.known].some((c) => !this.leads(c) && !this.cache.isSynced(c));
      const interval = waiting ? Math.min(1_000, this.config.cacheCatchUpIntervalMs) : this.config.cacheCatchUpIntervalMs;
      await this.clock.sleep(interval, this.stopped.signal).catch(() => undefined);
      if (!this.stopped.signal.aborted) await this.round();
    }
  }

  /** Reconciles the registered clusters, then catches up every followed cluster. Logs errors. */
  private async round(): Promise<void> {
    try {
      const registered = await this.clusters.list();
      const names = new Set(registered.map((c) => c.name));
      for (const c of registered) {
        if (c.status === 'synced') this.leaderSynced.add(c.name);
        if (!this.known.has(c.name)) this.informer.start(c.name);
        this.known.add(c.name);
      }
      // Also the clusters the informer took up from in-process events (registered through this
      // replica after start-up), which this service has not seen in a round yet.
      const managed = new Set([...this.known, ...this.informer.states().map((s) => s.cluster)]);
      for (const gone of [...managed].filter((c) => !names.has(c))) {
        this.known.delete(gone);
        this.leaderSynced.delete(gone);
        await this.informer.stop(gone);
        this.cache.drop(gone);
      }
      await Promise.all([...this.known].filter((c) => !this.leads(c)).map((c) => this.follow(c)));
    } catch (err) {
      this.logger.warn(`follower round failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
