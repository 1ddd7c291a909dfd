import type { KubeObject, Node, Pod, PodDisruptionBudget, Taint } from './api/types';
import type { FaultSettings } from './faults/faults';
import type { SimStatsSnapshot } from './server/stats';

/** Fault switches at run time (see FaultSettings for units). */
export interface SimFaults {
  /** Current settings. */
  get(): FaultSettings;
  /** Merges a partial update (latency, error rates, rate limit, history size, periodic drops...). */
  set(partial: Partial<FaultSettings>): FaultSettings;
  /** Ends every open watch now: 'close' finishes the response (clients resume), 'reset' kills the socket. Returns how many. */
  dropWatches(mode?: 'close' | 'reset'): number;
  /** The next `count` (default 1) watch requests get an in-stream 410 Expired. */
  forceGone(count?: number): void;
  /** Expires all watch history: any watch resuming from a resourceVersion issued so far gets 410. */
  compactHistory(): void;
}

/**
 * Direct access to the stored nodes, acting as kubelet / node lifecycle controller. Every change
 * is a write with a new resourceVersion and watch events; all throw the ApiError (404 NotFound,
 * 422 Invalid) the API would.
 */
export interface SimNodes {
  /** All nodes in name order. */
  list(): Node[];
  get(name: string): Node | undefined;
  /** Sets the Ready condition (the lifecycle controller then adds/removes not-ready/unreachable taints). */
  setReady(name: string, status: 'True' | 'False' | 'Unknown'): Node;
  /** Adds a taint (replacing one with the same key and effect); NoExecute taints get timeAdded. */
  addTaint(name: string, taint: Taint): Node;
  /** Removes taints by key (and effect, when given). */
  removeTaint(name: string, key: string, effect?: string): Node;
  /** Sets labels; null removes one. */
  setLabels(name: string, labels: Record<string, string | null>): Node;
  /** Applies `mutate` to a copy and stores it (spec/metadata and status). */
  modify(name: string, mutate: (node: Node) => void): Node;
  /** Deletes the node (its pods stay, as in Kubernetes until pod GC). */
  delete(name: string): void;
  /** Heartbeats: every `intervalMs` each Ready node's lastHeartbeatTime advances; 0 stops. */
  setHeartbeatInterval(intervalMs: number): void;
}

/** Direct access to pods (issue 3 workloads). */
export interface SimPods {
  /** Pods in key order, optionally only those on `nodeName`. */
  list(filter?: { namespace?: string; nodeName?: string }): Pod[];
  get(namespace: string, name: string): Pod | undefined;
  /** Sets the pod's readiness (Ready/ContainersReady conditions and container ready flags); PDB statuses follow. */
  setReady(namespace: string, name: string, ready: boolean): Pod;
}

/** Direct access to PodDisruptionBudgets. */
export interface SimDisruptionBudgets {
  list(namespace?: string): PodDisruptionBudget[];
  get(namespace: string, name: string): PodDisruptionBudget | undefined;
}

/** The control handle shared by the library API and the `/sim` HTTP API. */
export interface KubeSimHandle {
  faults: SimFaults;
  nodes: SimNodes;
  pods: SimPods;
  podDisruptionBudgets: SimDisruptionBudgets;
  /** Request counts and open watches. */
  stats(): SimStatsSnapshot;
  /** The cluster's current resourceVersion. */
  resourceVersion(): string;
}

/** Any stored object kind, re-exported for handle users. */
export type { KubeObject };
