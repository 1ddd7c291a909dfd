import type { FaultSettings } from './faults/faults';
import type { ChurnOptions } from './control/churn';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from './api/discovery';
import type { ClusterOptions } from './cluster';

/** Options of startKubeSim. Times in ms unless named otherwise. */
export interface KubeSimOptions {
  /** Number of generated nodes (default 50). */
  nodes?: number;
  /** Seed of the generated cluster, of random faults and of every simulated choice (default 1): same seed, same cluster. */
  seed?: number | string;
  /** TCP port (default 0 = a free port). */
  port?: number;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Where to write the kubeconfig (default: a new temp file). */
  kubeconfigPath?: string;
  /** Average pods per node, DaemonSet pods included (default 10; 0 = no workloads). */
  podsPerNode?: number;
  /** Real seconds per simulated second for rescheduling and startup (default 0.1). */
  timeFactor?: number;
  /**
   * Real seconds per second of a pod's grace period: a deleted or evicted pod stays (with
   * deletionTimestamp) for grace x graceScale real seconds (default: timeFactor, so 30 s -> 3 s).
   */
  graceScale?: number;
  /** Simulated seconds before a controller replaces a deleted pod (default 5). */
  replacementDelaySeconds?: number;
  /** Simulated seconds from a pod's creation to Ready (default 5). */
  podStartupSeconds?: number;
  /**
   * The instant generated timestamps (creation, conditions) are relative to (default: start time).
   * Two simulators with the same seed, options and referenceTime generate byte-identical objects.
   */
  referenceTime?: Date | string;
  /** Version served at /version and run by most kubelets (default v1.32.4). */
  kubernetesVersion?: string;
  /** Share of workers whose kubelet is one minor version older (default 0.1). */
  olderKubeletShare?: number;
  /** Availability zones (1-6, default 3). */
  zones?: number;
  /** Events kept before the oldest are removed (default 10,000). */
  eventLimit?: number;
  /** Background node churn (default off). */
  churn?: ChurnOptions;
  /** Shorthand for `faults.latencyMs`. */
  latencyMs?: number;
  /** Initial fault switches. */
  faults?: Partial<FaultSettings>;
  /** Interval of BOOKMARK events on watches with allowWatchBookmarks=true (default 1000 ms). */
  bookmarkIntervalMs?: number;
  /** Node heartbeats (lastHeartbeatTime ticks) every N ms; 0 = off (default). */
  heartbeatIntervalMs?: number;
  /** The clock (default: wall clock). */
  now?: () => Date;
}

const nonNegative = (name: string, value: number | undefined, fallback: number): number => {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number, got ${String(value)}`);
  return v;
};

/**
 * Resolves the cluster part of the options with their defaults.
 * @throws Error naming the first invalid option.
 */
export function clusterOptions(options: KubeSimOptions, now: () => Date, watchHistorySize: number): ClusterOptions {
  const timeFactor = nonNegative('timeFactor', options.timeFactor, 0.1);
  const kubernetesVersion = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  parseKubernetesVersion(kubernetesVersion);
  const referenceTime = options.referenceTime === undefined ? now() : new Date(options.referenceTime);
  if (Number.isNaN(referenceTime.getTime())) throw new Error(`referenceTime must be an ISO 8601 time, got ${String(options.referenceTime)}`);
  const share = nonNegative('olderKubeletShare', options.olderKubeletShare, 0.1);
  if (share > 1) throw new Error('olderKubeletShare must be between 0 and 1');
  return {
    nodes: nonNegative('nodes', options.nodes, 50),
    seed: options.seed ?? 1,
    podsPerNode: nonNegative('podsPerNode', options.podsPerNode, 10),
    watchHistorySize,
    timings: {
      timeFactor,
      graceScale: nonNegative('graceScale', options.graceScale, timeFactor),
      replacementDelaySeconds: nonNegative('replacementDelaySeconds', options.replacementDelaySeconds, 5),
      startupSeconds: nonNegative('podStartupSeconds', options.podStartupSeconds, 5),
    },
    now,
    referenceTime,
    kubernetesVersion,
    olderKubeletShare: share,
    zones: nonNegative('zones', options.zones, 3),
    eventLimit: nonNegative('eventLimit', options.eventLimit, 10_000),
  };
}
