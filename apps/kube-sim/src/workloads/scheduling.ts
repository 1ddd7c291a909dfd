import type { Node, Pod, Taint, Toleration } from '../api/types';

/** Whether `toleration` tolerates `taint` (core/v1 Toleration.ToleratesTaint). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/**
 * Whether the scheduler may place `pod` on `node`: schedulable (not cordoned), Ready, and every
 * NoSchedule/NoExecute taint tolerated (the NodeUnschedulable and TaintToleration filter plugins).
 */
export function fitsNode(pod: Pod, node: Node): boolean {
  if (node.spec.unschedulable) return false;
  if (node.status.conditions.find((c) => c.type === 'Ready')?.status !== 'True') return false;
  const tolerations = pod.spec.tolerations ?? [];
  return (node.spec.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tolerations.some((tol) => toleratesTaint(tol, t)));
}

/**
 * Picks the node for `pod`: among fitting nodes other than `exclude`, the one running the fewest
 * pods (ties: first by name), a stand-in for the scheduler's balanced-allocation score.
 * Returns undefined when no node fits.
 */
export function pickNode(pod: Pod, nodes: readonly Node[], podCount: (nodeName: string) => number, exclude?: string): Node | undefined {
  let best: Node | undefined;
  let bestCount = Infinity;
  for (const node of nodes) {
    if (node.metadata.name === exclude || !fitsNode(pod, node)) continue;
    const count = podCount(node.metadata.name);
    if (count < bestCount) {
      best = node;
      bestCount = count;
    }
  }
  return best;
}
