import type { CoreEvent, KubeObject, Node, Pod, PodDisruptionBudget, Taint } from './api/types';
import type { FaultSettings } from './faults/faults';
import type { SimStatsSnapshot } from './server/stats';
import type { ConditionChange } from './control/kubelet';
import type { FlapOptions, NotReadyOptions } from './control/node-faults';
import type { HistoryPlayback, HistoryStep } from './control/node-history';
import type { ChurnIncident, ChurnOptions } from './control/churn';

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
  /**
   * Sets the Ready condition as the kubelet reports it (True/False) or as the lifecycle controller
   * marks a silent kubelet (Unknown); taints and events follow. Same as setCondition for Ready.
   */
  setReady(name: string, status: 'True' | 'False' | 'Unknown'): Node;
  /**
   * Sets any condition (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable or a
   * custom type) as a status post does: lastTransitionTime only on a status change, heartbeats
   * separate; the lifecycle controller's taints and the kubelet's events follow. With
   * `durationMs` > 0 it reverts to healthy (Ready True, others False) after that long.
   */
  setCondition(name: string, change: ConditionChange, durationMs?: number): Node;
  /** Ready False (kubelet NotReady) or Unknown (kubelet silent), optionally for a duration. */
  notReady(name: string, options?: NotReadyOptions): Node;
  /** NotReady and Ready alternate (half a period each) for a duration, ending Ready. */
  flap(name: string, options: FlapOptions): Node;
  /** Kubelet silent for `downMs` (default 1000), then back with a new bootID and a Rebooted event. */
  reboot(name: string, downMs?: number): Node;
  /** Cancels the pending timed faults of a node (or of every node); returns how many timers were cancelled. */
  cancelFaults(name?: string): number;
  /** Plays a scripted history (validate it with the control API's rules first; see parseHistory). */
  playHistory(steps: HistoryStep[]): { playback: HistoryPlayback; done: Promise<HistoryPlayback> };
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

/** Scripted histories started through playHistory or `POST /sim/history`. */
export interface SimHistories {
  get(id: string): HistoryPlayback | undefined;
  cancel(id: string): HistoryPlayback | undefined;
}

/** Background churn (off unless perHour > 0). */
export interface SimChurn {
  get(): Required<ChurnOptions>;
  set(options: ChurnOptions): Required<ChurnOptions>;
  /** The last 100 incidents. */
  incidents(): ChurnIncident[];
}

/** Stored core/v1 Events. */
export interface SimEvents {
  /** Events in key order, optionally only those about `involvedName` (and `kind`). */
  list(filter?: { namespace?: string; involvedName?: string; kind?: string }): CoreEvent[];
}

/** The control handle shared by the library API and the `/sim` HTTP API. */
export interface KubeSimHandle {
  faults: SimFaults;
  nodes: SimNodes;
  pods: SimPods;
  podDisruptionBudgets: SimDisruptionBudgets;
  histories: SimHistories;
  churn: SimChurn;
  events: SimEvents;
  /** Request counts, open watches and the disruption counters. */
  stats(): SimStatsSnapshot;
  /** Zeroes the request and disruption counters (open watches are live values and stay). */
  resetStats(): SimStatsSnapshot;
  /** The cluster's current resourceVersion. */
  resourceVersion(): string;
}

/** Any stored object kind, re-exported for handle users. */
export type { KubeObject };
