import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClusterHealthRegistry } from './cluster-health';
import { MetricsRegistry } from './metrics.registry';

/**
 * Product state as Prometheus gauges, read at scrape time (no bookkeeping on hot paths):
 * - `knm_cluster_leader{cluster}`: 1 where this replica leads (watches) the cluster, 0 where it follows;
 * - `knm_cluster_cache_synced{cluster}`: 1 once this replica's node cache holds a complete list;
 * - `knm_cluster_cache_seq{cluster}`: highest per-cluster change seq applied to this replica's cache
 *   (compare across replicas: a follower far behind its leader is not catching up);
 * - `knm_tasks{kind,status}`: tasks in the database by kind and status (the same on every replica).
 */
@Injectable()
export class ProductMetrics {
  constructor(metrics: MetricsRegistry, clusters: ClusterHealthRegistry, dataSource: DataSource) {
    const perCluster = (name: string, help: string, value: (c: ReturnType<ClusterHealthRegistry['snapshot']>[number]) => number) =>
      metrics.gauge({
        name,
        help,
        labelNames: ['cluster'] as const,
        collect() {
          this.reset();
          for (const c of clusters.snapshot()) this.set({ cluster: c.cluster }, value(c));
        },
      });
    perCluster('knm_cluster_leader', 'Whether this replica leads (watches) the cluster: 1 leader, 0 follower', (c) => (c.role === 'leader' ? 1 : 0));
    perCluster('knm_cluster_cache_synced', "Whether this replica's node cache of the cluster is complete", (c) => (c.synced ? 1 : 0));
    perCluster('knm_cluster_cache_seq', "Highest change seq applied to this replica's node cache of the cluster", (c) => c.cacheSeq);
    metrics.gauge({
      name: 'knm_tasks',
      help: 'Tasks in the database by kind and status',
      labelNames: ['kind', 'status'] as const,
      async collect() {
        const rows: { kind: string; status: string; n: string | number }[] = await dataSource.query(
          'SELECT kind, status, COUNT(*) AS n FROM tasks GROUP BY kind, status',
        );
        this.reset();
        for (const r of rows) this.set({ kind: r.kind, status: r.status }, Number(r.n));
      },
    });
  }
}
