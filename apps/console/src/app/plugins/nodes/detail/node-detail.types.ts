import type { NodeSummary } from '@knm/contracts';

/*
 * Shape of `GET clusters/:cluster/nodes/:node`. The API declares it in libs/smart-cache
 * (NodeDetailResponse, NodePodSummary in drain-filters.ts), not yet in libs/contracts, and the
 * console may only import the contracts. Until the type moves there, this file is the one place
 * the console states it; replace it by the contracts' export when it lands.
 */

export type DrainRequirement = 'delete-emptydir-data' | 'force';

export interface PodDrainEligibility {
  evictable: boolean;
  skipReason: 'DaemonSet' | 'MirrorPod' | null;
  requires: DrainRequirement[];
}

export interface NodePodSummary {
  namespace: string;
  name: string;
  phase: string;
  ownerKind: string | null;
  ownerName: string | null;
  drain: PodDrainEligibility;
}

export interface NodeDetailResponse extends NodeSummary {
  pods: NodePodSummary[] | null;
  podsError: string | null;
  seq: number;
}

/**
 * What `kubectl drain` would do with a pod, in words (rules: kubernetes/kubectl pkg/drain/filters.go
 * as the API applies them): evicted; evicted only with --force / --delete-emptydir-data; or never
 * evicted (DaemonSet pods, mirror pods of static pods).
 */
export function drainText(drain: PodDrainEligibility): string {
  if (!drain.evictable) {
    return drain.skipReason === 'MirrorPod'
      ? 'Not evicted: mirror pod of a static pod (managed by the kubelet)'
      : 'Not evicted: DaemonSet pod (drain ignores DaemonSet pods)';
  }
  if (drain.requires.length === 0) return 'Evicted';
  const why = drain.requires.map((r) =>
    r === 'force' ? '--force (no controller would recreate it)' : '--delete-emptydir-data (its emptyDir data is lost)',
  );
  return `Evicted only with ${why.join(' and ')}`;
}
