import { parseDurationSeconds, parseIntFlag } from './numbers';

/**
 * `params` of task kind `drain`, named after kubectl's drain options (kubernetes/kubectl
 * pkg/drain Helper: Force, IgnoreAllDaemonSets, DeleteEmptyDirData, GracePeriodSeconds, Timeout,
 * PodSelector, DisableEviction, SkipWaitForDeleteTimeoutSeconds, ChunkSize). Only the flags the
 * user gave are sent; the server applies kubectl's defaults for the rest.
 * The drain kind is being added to libs/contracts; this shape replaces itself with its
 * `DrainParams` when that lands.
 */
export interface DrainParams {
  force?: boolean;
  ignoreDaemonSets?: boolean;
  deleteEmptyDirData?: boolean;
  /** Seconds given to each pod to terminate; -1 = the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** Seconds before giving up on a node (0 = no limit). */
  timeoutSeconds?: number;
  /** Label selector of the pods to evict. */
  podSelector?: string;
  /** Delete pods instead of evicting them (bypasses PodDisruptionBudgets). */
  disableEviction?: boolean;
  /** Pods whose deletion timestamp is older than this many seconds are skipped (0 = never). */
  skipWaitForDeleteTimeoutSeconds?: number;
  /** Pods listed per request (0 = all at once). */
  chunkSize?: number;
}

/** The drain flags as commander hands them over (strings for valued flags). */
export interface DrainFlags {
  force?: boolean;
  ignoreDaemonsets?: boolean;
  deleteEmptydirData?: boolean;
  gracePeriod?: string;
  timeout?: string;
  podSelector?: string;
  disableEviction?: boolean;
  skipWaitForDeleteTimeout?: string;
  chunkSize?: string;
}

/**
 * kubectl drain flags -> DrainParams. `--grace-period` >= -1, `--timeout` a Go duration,
 * `--skip-wait-for-delete-timeout` and `--chunk-size` >= 0.
 * @throws CliError (exit 2) naming the flag.
 */
export function drainParamsFromFlags(f: DrainFlags): DrainParams {
  const p: DrainParams = {};
  if (f.force) p.force = true;
  if (f.ignoreDaemonsets) p.ignoreDaemonSets = true;
  if (f.deleteEmptydirData) p.deleteEmptyDirData = true;
  if (f.disableEviction) p.disableEviction = true;
  if (f.gracePeriod !== undefined) p.gracePeriodSeconds = parseIntFlag('--grace-period', f.gracePeriod, -1);
  if (f.timeout !== undefined) p.timeoutSeconds = parseDurationSeconds('--timeout', f.timeout);
  if (f.podSelector !== undefined) p.podSelector = f.podSelector;
  if (f.skipWaitForDeleteTimeout !== undefined) p.skipWaitForDeleteTimeoutSeconds = parseIntFlag('--skip-wait-for-delete-timeout', f.skipWaitForDeleteTimeout, 0);
  if (f.chunkSize !== undefined) p.chunkSize = parseIntFlag('--chunk-size', f.chunkSize, 0);
  return p;
}
