import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/** The API clients of one registered cluster. One KubeConfig per cluster (client-node caches credentials by user name, #592). */
export interface ClusterClients {
  cluster: string;
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  /** Closes the cluster's connections (after removal, or after a connection test). */
  close?(): Promise<void>;
}

/**
 * Seam between the cluster registry and its users (informer, batch).
 * Implemented by ClusterService; injected by this abstract class.
 */
export abstract class ClusterClientProvider {
  /** Clients of a registered cluster. Throws DomainError CLUSTER_NOT_FOUND. */
  abstract clientsFor(cluster: string): Promise<ClusterClients>;
  /** Names of all registered clusters. */
  abstract clusterNames(): Promise<string[]>;
}
