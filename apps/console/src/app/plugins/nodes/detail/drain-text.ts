import type { PodDrainEligibility } from '@knm/contracts';


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
