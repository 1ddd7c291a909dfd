import type { z } from 'zod';
import type { nodeListQuerySchema } from './schemas/node.schema';

/** Taint effects, as core/v1 defines them. */
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

/** A node taint (core/v1 Taint). `timeAdded` is RFC 3339 and only set for NoExecute. */
export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded?: string;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** Node condition without heartbeat time (heartbeats are not a change). */
export interface NodeConditionSummary {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Ready: Ready=True; NotReady: Ready=False; Unknown: Ready=Unknown or no Ready condition. */
export type NodeReadiness = 'Ready' | 'NotReady' | 'Unknown';

/**
 * The compact node summary the informer keeps, the cache indexes and the API returns.
 * Quantities are Kubernetes quantity strings as the API server reports them ("3920m", "16Gi");
 * timestamps are RFC 3339 UTC as Kubernetes writes metav1.Time (`2026-11-21T10:00:00Z`).
 */
export interface NodeSummary {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  readiness: NodeReadiness;
  conditions: NodeConditionSummary[];
  /** Roles from `node-role.kubernetes.io/<role>` labels. */
  roles: string[];
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  addresses: { type: string; address: string }[];
  nodeInfo: {
    kubeletVersion: string;
    osImage: string;
    containerRuntimeVersion: string;
    kernelVersion: string;
    architecture: string;
    operatingSystem: string;
  };
}

export type NodeSortField = 'name' | 'age' | 'status';

/** Query string of `GET /clusters/:cluster/nodes` as the API holds it (see `nodeListQuerySchema`); `page` is 1-based. */
export type NodeListQuery = z.output<typeof nodeListQuerySchema>;

/** Facet counts for the filtered set (before paging). */
export interface NodeFacets {
  readiness: Record<NodeReadiness, number>;
  cordoned: number;
  roles: Record<string, number>;
  zones: Record<string, number>;
  kubeletVersions: Record<string, number>;
}

export interface NodeListResponse {
  items: NodeSummary[];
  total: number;
  /** 1-based page number of this answer. */
  page: number;
  limit: number;
  /** Per-cluster change sequence the answer reflects. */
  seq: number;
  facets?: NodeFacets;
}

export const NODE_LIST_DEFAULT_LIMIT = 50;
export const NODE_LIST_MAX_LIMIT = 1000;

/** kubectl drain flag a pod needs before it can be evicted. */
export type DrainRequirement = 'delete-emptydir-data' | 'force';

/** Whether `kubectl drain` would evict a pod, and what it would need (kubernetes/kubectl pkg/drain/filters.go). */
export interface PodDrainEligibility {
  /** False for pods drain never evicts (DaemonSet-managed, mirror/static pods). */
  evictable: boolean;
  /** Why drain skips the pod when not evictable. */
  skipReason: 'DaemonSet' | 'MirrorPod' | null;
  /** Flags without which drain refuses the node because of this pod. */
  requires: DrainRequirement[];
}

/** One pod on a node as the node detail view shows it. */
export interface NodePodSummary {
  namespace: string;
  name: string;
  /** Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** Kind of the controlling owner (`metadata.ownerReferences[controller=true]`), null when unmanaged. */
  ownerKind: string | null;
  ownerName: string | null;
  drain: PodDrainEligibility;
}

/** `GET /clusters/:cluster/nodes/:node`: the cached summary plus the node's pods, listed live. */
export interface NodeDetailResponse extends NodeSummary {
  /** Pods bound to the node with their drain eligibility; null when the cluster could not be asked. */
  pods: NodePodSummary[] | null;
  /** Why `pods` is null. */
  podsError: string | null;
  /** Per-cluster change sequence the summary reflects. */
  seq: number;
}
