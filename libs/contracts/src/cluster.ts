export type ClusterStatus = 'connecting' | 'synced' | 'degraded' | 'unreachable';

/** A registered cluster as the API returns it. The kubeconfig is never returned. `createdAt` is RFC 3339 UTC. */
export interface ClusterResponse {
  name: string;
  server: string;
  context: string;
  status: ClusterStatus;
  statusMessage: string | null;
  nodeCount: number;
  kubernetesVersion: string | null;
  createdAt: string;
}

/** Result of a connection test (also run before a cluster is saved). */
export interface ClusterTestResponse {
  server: string;
  context: string;
  kubernetesVersion: string;
  nodeCount: number;
}
