import type { V1Pod } from '@kubernetes/client-node';
import type { DrainRequirement, NodePodSummary, PodDrainEligibility } from '@knm/contracts';

export type { DrainRequirement, NodePodSummary, PodDrainEligibility } from '@knm/contracts';

/** Annotation the kubelet puts on mirror pods of static pods (core/v1 MirrorPodAnnotationKey). */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

const isFinished = (pod: V1Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: V1Pod) => pod.metadata?.ownerReferences?.find((o) => o.controller === true);

/**
 * Drain eligibility of a pod, mirroring kubectl's filters (kubernetes/kubectl pkg/drain/filters.go)
 * in their order: DaemonSet pods are never evicted (finished ones are); mirror pods are skipped;
 * pods with emptyDir volumes need --delete-emptydir-data; pods without a controller need --force;
 * Succeeded/Failed pods pass the emptyDir and controller checks. Unlike kubectl, which stops at the
 * first refusal, every requirement is listed. (Orphaned DaemonSet pods, which kubectl deletes with
 * --force after a DaemonSet lookup, are reported as DaemonSet pods.)
 */
export function drainEligibility(pod: V1Pod): PodDrainEligibility {
  const controller = controllerOf(pod);
  if (controller?.kind === 'DaemonSet' && !isFinished(pod)) return { evictable: false, skipReason: 'DaemonSet', requires: [] };
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return { evictable: false, skipReason: 'MirrorPod', requires: [] };
  const requires: DrainRequirement[] = [];
  if (!isFinished(pod)) {
    if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir)) requires.push('delete-emptydir-data');
    if (!controller) requires.push('force');
  }
  return { evictable: true, skipReason: null, requires };
}

/** The node-detail summary of a pod. */
export function toPodSummary(pod: V1Pod): NodePodSummary {
  const controller = controllerOf(pod);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ownerKind: controller?.kind ?? null,
    ownerName: controller?.name ?? null,
    drain: drainEligibility(pod),
  };
}
