import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { ClusterStatus } from '@knm/contracts';
import { Clock, RandomSource } from '@knm/common';
import { ClusterEvents, ClusterService } from '@knm/cluster';
import { ClusterHealth, ClusterHealthRegistry, ClusterHealthSource } from '@knm/health';
import { LeaseCoordinator, LeaseHandle } from '@knm/leader';
import { RealtimePublisher } from '@knm/realtime';
import { SmartCacheService } from '@knm/smart-cache';
import { ClusterNodeSync } from './cluster-node-sync';
import { InformerRepository } from './informer.repository';
import { DEFAULT_REFLECTOR_OPTIONS, NodeReflector, ReflectorOptions } from './node-reflector';
import { NodeWatchSource } from './node-watch-source';

/** Watchdog period (ms). */
export const WATCHDOG_INTERVAL_MS = 5_000;

/** Reflector settings; override the provider in tests. */
export abstract class InformerOptions {
  abstract readonly reflector: ReflectorOptions;
}

/** Informer state of one cluster on this replica (for health and diagnostics). Times are ISO 8601. */
export interface InformerState {
  cluster: string;
  /** This replica holds `informer:<cluster>` and runs the watch. */
  leading: boolean;
  /** The watch is open (listed, and watching for changes). */
  watching: boolean;
  /** A complete list was applied since the last error. */
  synced: boolean;
  status: ClusterStatus;
  statusMessage: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Restarts after errors or watchdog interventions. */
  restarts: number;
  /** Full lists (first list, 410 Gone, restarts). */
  relists: number;
  /** Last per-cluster seq written. */
  seq: number;
}

interface ClusterWatch {
  release: () => Promise<void>;
  reflector: NodeReflector | null;
  sync: ClusterNodeSync | null;
  running: Promise<void> | null;
  status: ClusterStatus;
  statusMessage: string | null;
}

/**
 * One node watch per cluster, run only while this replica holds the lease `informer:<cluster>`
 * (embedded mode: always). Starts for every registered cluster at boot and for clusters
 * registered later (ClusterEvents), stops on deletion or lease loss; a watchdog restarts
 * stalled watches. Status changes go to the clusters table and `cluster:status`.
 */
@Injectable()
export class InformerService extends ClusterHealthSource implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InformerService');
  private readonly watches = new Map<string, ClusterWatch>();
  private readonly cleanups: (() => void)[] = [];
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly clusters: ClusterService,
    private readonly events: ClusterEvents,
    private readonly leases: LeaseCoordinator,
    private readonly source: NodeWatchSource,
    private readonly repository: InformerRepository,
    private readonly cache: SmartCacheService,
    private readonly publisher: RealtimePublisher,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    @Optional() private readonly options?: InformerOptions,
    @Optional() health?: ClusterHealthRegistry,
  ) {
    super();
    if (health) this.cleanups.push(health.register(this));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.cleanups.push(this.events.on('cluster:registered', ({ cluster }) => this.start(cluster)));
    this.cleanups.push(this.events.on('cluster:removing', ({ cluster }) => this.stop(cluster)));
    this.watchdog = setInterval(() => this.checkWatches(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
    for (const cluster of await this.clusters.clusterNames()) this.start(cluster);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.cleanups.forEach((c) => c());
    await Promise.allSettled([...this.watches.keys()].map((c) => this.stop(c)));
  }

  /** Starts contending for the cluster's lease (no-op when already started). */
  start(cluster: string): void {
    if (this.watches.has(cluster)) return;
    const watch: ClusterWatch = { release: async () => undefined, reflector: null, sync: null, running: null, status: 'connecting', statusMessage: null };
    this.watches.set(cluster, watch);
    watch.release = this.leases.hold(`informer:${cluster}`, (handle) => {
      watch.running = this.lead(cluster, watch, handle).catch((err: unknown) => {
        this.logger.error(`informer for ${cluster} ended: ${err instanceof Error ? err.stack : String(err)}`);
      });
      return watch.running;
    });
  }

  /** Stops the cluster's watch, releases its lease and waits until its last write has finished. */
  async stop(cluster: string): Promise<void> {
    const watch = this.watches.get(cluster);
    if (!watch) return;
    this.watches.delete(cluster);
    await watch.release();
    await watch.running;
  }

  /** State of every cluster this replica knows (leading or contending). */
  states(): InformerState[] {
    return [...this.watches.entries()].map(([cluster, w]) => {
      const r = w.reflector?.state();
      return {
        cluster,
        leading: w.reflector !== null && r?.phase !== 'stopped',
        watching: r?.phase === 'watching',
        synced: r?.synced ?? false,
        status: w.status,
        statusMessage: w.statusMessage,
        lastError: r?.lastError ?? null,
        lastErrorAt: r?.lastErrorAt ? new Date(r.lastErrorAt).toISOString() : null,
        restarts: r?.restarts ?? 0,
        relists: r?.relists ?? 0,
        seq: w.sync?.lastSeq ?? 0,
      };
    });
  }

  /** {@link ClusterHealthSource}: the clusters this replica leads. */
  override clusterHealth(): ClusterHealth[] {
    return this.states()
      .filter((s) => s.leading)
      .map((s) => ({
        cluster: s.cluster,
        role: 'leader',
        cacheSeq: this.cache.seqOf(s.cluster),
        synced: this.cache.isSynced(s.cluster),
        informerSynced: s.synced && s.watching,
        lastError: s.lastError,
      }));
  }

  private async lead(cluster: string, watch: ClusterWatch, handle: LeaseHandle): Promise<void> {
    this.setStatus(cluster, watch, 'connecting', null);
    const sync = new ClusterNodeSync(cluster, handle, this.repository, {
      applyChange: (c, seq, type, node) => this.cache.applyChange(c, seq, type, node),
      publishNodeChanged: (e) => this.publisher.publishNodeChanged(e),
    }, () => this.clock.now());
    await this.untilDone(cluster, handle.signal, async () => {
      await sync.init();
      await this.cache.loadFromTable(cluster);
    });
    const reflector = new NodeReflector(cluster, {
      source: this.source,
      sink: sync,
      now: () => this.clock.monotonic(),
      wallNow: () => this.clock.now(),
      random: () => this.random.next(),
      sleep: (ms, signal) => this.clock.sleep(ms, signal),
      onStatus: (e) => {
        if (e.kind === 'synced') {
          this.cache.markSynced(cluster, true);
          this.setStatus(cluster, watch, 'synced', null);
        } else {
          this.logger.warn(`node watch of ${cluster} failed while ${e.failedWhile}: ${e.message}`);
          this.setStatus(cluster, watch, e.failedWhile === 'listing' ? 'unreachable' : 'degraded', e.message);
        }
      },
    }, this.options?.reflector ?? DEFAULT_REFLECTOR_OPTIONS);
    watch.sync = sync;
    watch.reflector = reflector;
    await reflector.run(handle.signal);
  }

  /** Retries `task` (reading the table at lead start) every few seconds until it succeeds or the lease is lost. */
  private async untilDone(cluster: string, signal: AbortSignal, task: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await task();
      } catch (err) {
        if (signal.aborted) throw err;
        this.logger.error(`cannot load stored nodes of ${cluster}, retrying: ${String(err)}`);
        await this.clock.sleep(2_000 + this.random.next() * 1_000, signal);
      }
    }
  }

  private setStatus(cluster: string, watch: ClusterWatch, status: ClusterStatus, message: string | null): void {
    if (watch.status === status && watch.statusMessage === message && status !== 'connecting') return;
    watch.status = status;
    watch.statusMessage = message;
    if (!this.watches.has(cluster)) return;
    this.publisher.publishClusterStatus({ cluster, status, message });
    this.clusters.recordStatus(cluster, status, message).catch((err: unknown) => this.logger.error(`cannot record status of ${cluster}: ${String(err)}`));
  }

  private checkWatches(): void {
    for (const [cluster, w] of this.watches) {
      if (w.reflector?.checkStalled()) this.logger.warn(`watchdog restarted the node watch of ${cluster}`);
    }
  }
}
