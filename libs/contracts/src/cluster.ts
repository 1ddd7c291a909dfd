/** Registration request: kubeconfig given as YAML text, or as a path readable by the API process. */
export interface CreateClusterRequest {
  /** Cluster name: DNS-1123 label (lowercase alphanumerics and '-', <= 63). */
  name: string;
  kubeconfig?: string;
  kubeconfigPath?: string;
  /** Context to use; defaults to the kubeconfig's current-context. */
  context?: string;
}

export type ClusterStatus = 'connecting' | 'synced' | 'degraded' | 'unreachable';

/** A registered cluster as the API returns it. The kubeconfig is never returned. */
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
