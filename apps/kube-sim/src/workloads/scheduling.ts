import type { Node, Pod, Taint, Toleration } from '../api/types';
import { hash32 } from '../util/random';

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
 * Picks the node for a pod identified by `podKey` (e.g. its uid): among fitting nodes other than
 * `exclude`, the one with the highest rendezvous hash of (podKey, node name). The choice depends
 * only on the pod and the set of fitting nodes, never on the order in which pods were replaced,
 * so two simulators given the same cordons place the same replacement on the same node (a
 * stand-in for the scheduler's scoring, which spreads pods much the same way).
 * Returns undefined when no node fits.
 */
export function pickNode(pod: Pod, podKey: string, nodes: readonly Node[], exclude?: string): Node | undefined {
  let best: Node | undefined;
  let bestScore = -1;
  for (const node of nodes) {
    if (node.metadata.name === exclude || !fitsNode(pod, node)) continue;
    const score = hash32(`${podKey}@${node.metadata.name}`);
    if (score > bestScore) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}
