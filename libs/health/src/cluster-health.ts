import { Injectable } from '@nestjs/common';

/** This replica's view of one cluster, as `GET /health/ready` reports it. */
export interface ClusterHealth {
  cluster: string;
  /** `leader`: this replica holds `informer:<cluster>` and watches it; `follower`: it follows the table. */
  role: 'leader' | 'follower';
  /** Highest per-cluster change seq applied to this replica's cache (0 = none yet). */
  cacheSeq: number;
  /** True once this replica's cache holds a complete list of the cluster's nodes. */
  synced: boolean;
  /** Leader only: the node watch is connected and has listed. Absent on followers. */
  informerSynced?: boolean;
  /** Last error of the watch or catch-up, if any. */
  lastError?: string | null;
}

/**
 * Seam through which the informer/cache libraries report per-cluster state to health without
 * health depending on them: implement it and register the instance with {@link ClusterHealthRegistry}
 * (usually in the constructor of the service that knows the state).
 */
export abstract class ClusterHealthSource {
  /** Current state of every cluster this source knows, cheap to call (no I/O). */
  abstract clusterHealth(): ClusterHealth[];
}

/** Collects {@link ClusterHealthSource}s; provided globally by HealthModule. */
@Injectable()
export class ClusterHealthRegistry {
  private readonly sources = new Set<ClusterHealthSource>();

  /** Adds a source; returns a function that removes it. */
  register(source: ClusterHealthSource): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }

  /** Every registered source's clusters, sorted by cluster name. */
  snapshot(): ClusterHealth[] {
    return [...this.sources].flatMap((s) => s.clusterHealth()).sort((a, b) => a.cluster.localeCompare(b.cluster));
  }
}
