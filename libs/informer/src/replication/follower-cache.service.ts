import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppConfig, Clock } from '@knm/common';
import { ClusterService } from '@knm/cluster';
import { ClusterHealth, ClusterHealthRegistry, ClusterHealthSource } from '@knm/health';
import { LeaseCoordinator } from '@knm/leader';
import { NODE_CHANGES_CHANNEL, NotificationListener, NotificationSubscription } from '@knm/persistence';
import { SmartCacheService } from '@knm/smart-cache';
import { InformerService } from '../informer.service';
import { parseNodeChangeHint } from './node-change-hint';

/** While a followed cache waits for the leader's first list, catch up at least this often, ms. */
export const UNSYNCED_CATCH_UP_MS = 1_000;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Replicated mode: keeps this replica's node cache current for the clusters it does NOT lead.
 *
 * The leader writes `cluster_nodes` rows (fenced, per-cluster seq); a trigger NOTIFYs
 * `{cluster, seq}` at commit. On a hint ahead of the cache, this service reads the rows with
 * seq > last (`SmartCacheService.catchUp`): the hint is only a wake-up, the table is the data, so
 * a lost hint (listener reconnecting, TECH-NOTES 5/6) is repaired by the next hint, by the
 * catch-up after every (re)LISTEN, and by the periodic catch-up every
 * `AppConfig.cacheCatchUpIntervalMs` ({@link UNSYNCED_CATCH_UP_MS} while a followed cache is not
 * yet synced). A follower's cache counts as synced once it has caught up and the leader has
 * recorded the cluster as `synced` (batch refuses targets from an unsynced cache).
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
  private subscription: NotificationSubscription | null = null;
  private loop: Promise<void> | null = null;
  private unregister: (() => void) | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly notifications: NotificationListener,
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
    this.subscription = this.notifications.listen(NODE_CHANGES_CHANNEL, {
      onNotification: (payload) => this.onHint(payload),
      onListening: () => void this.round(),
    });
    this.loop = this.periodic();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped.abort();
    this.unregister?.();
    await this.subscription?.stop();
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
    const hint = parseNodeChangeHint(payload);
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
      this.logger.warn(`catch-up of ${cluster} failed: ${messageOf(err)}`);
    }
  }

  /**
   * Runs a round every `cacheCatchUpIntervalMs`, and within {@link UNSYNCED_CATCH_UP_MS} while a
   * followed cache waits for the leader's first list (checked every step, so a cluster that
   * becomes followed during a long wait is not left waiting for the whole interval).
   */
  private async periodic(): Promise<void> {
    const step = Math.min(UNSYNCED_CATCH_UP_MS, this.config.cacheCatchUpIntervalMs);
    let due = this.clock.monotonic() + this.config.cacheCatchUpIntervalMs;
    while (!this.stopped.signal.aborted) {
      await this.clock.sleep(step, this.stopped.signal).catch(() => undefined);
      if (this.stopped.signal.aborted) return;
      if (this.clock.monotonic() < due && !this.waitingForLeader()) continue;
      await this.round();
      due = this.clock.monotonic() + this.config.cacheCatchUpIntervalMs;
    }
  }

  private waitingForLeader(): boolean {
    return [...this.known].some((c) => !this.leads(c) && !this.cache.isSynced(c));
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
      for (const gone of [...managed].filter((c) => !names.has(c))) await this.forget(gone);
      await Promise.all([...this.known].filter((c) => !this.leads(c)).map((c) => this.follow(c)));
    } catch (err) {
      this.logger.warn(`follower round failed: ${messageOf(err)}`);
    }
  }

  /** A cluster removed (through any replica): stop contending or watching, drop its cache. */
  private async forget(cluster: string): Promise<void> {
    this.known.delete(cluster);
    this.leaderSynced.delete(cluster);
    await this.informer.stop(cluster);
    this.cache.drop(cluster);
  }
}
