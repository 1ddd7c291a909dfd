import type { KubeSim, Node, Pod } from '../src';

/** Whether a node is Ready, schedulable and carries no taints. */
export function isPlainWorker(node: Node): boolean {
  const ready = node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
  return ready && !node.spec.unschedulable && (node.spec.taints ?? []).length === 0 && !('node-role.kubernetes.io/control-plane' in (node.metadata.labels ?? {}));
}

/** The controller kind of a pod, if any. */
export function ownerKind(pod: Pod): string | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller)?.kind;
}

/** A plain worker running the most ReplicaSet pods (ties: first by name). */
export function busiestWorker(sim: KubeSim): Node {
  const workers = sim.nodes.list().filter(isPlainWorker);
  const count = (n: Node): number => sim.pods.list({ nodeName: n.metadata.name }).filter((p) => ownerKind(p) === 'ReplicaSet').length;
  return workers.reduce((best, n) => (count(n) > count(best) ? n : best), workers[0]);
}

/** A control-plane node. */
export function controlPlaneNode(sim: KubeSim): Node {
  return sim.nodes.list().find((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})) as Node;
}

/** The total of 429 answers to evictions so far. */
export function evictions429(sim: KubeSim): number {
  return sim.stats().requests.byResourceAndCode['pods/eviction']?.['429'] ?? 0;
}
