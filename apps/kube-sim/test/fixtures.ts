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

/** Whether a pod is a static pod's mirror. */
export function isMirror(pod: Pod): boolean {
  return pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
}

/** `namespace/name` of a pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** Deletes every PodDisruptionBudget through the API (so evictions never wait on a budget). */
export async function deleteAllBudgets(sim: KubeSim): Promise<void> {
  for (const b of sim.podDisruptionBudgets.list()) {
    await fetch(`${sim.url}/apis/policy/v1/namespaces/${b.metadata.namespace}/poddisruptionbudgets/${b.metadata.name}`, { method: 'DELETE' });
  }
}

/**
 * Creates a pod bound to `node` through the API: `bare` (no controller), optionally with an
 * emptyDir volume, or in phase Succeeded. Returns its `namespace/name`.
 */
export async function createPodOn(sim: KubeSim, node: string, name: string, opts: { emptyDir?: boolean; phase?: 'Running' | 'Succeeded'; labels?: Record<string, string> } = {}): Promise<string> {
  const body = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { run: name, ...opts.labels } },
    spec: {
      nodeName: node,
      containers: [{ name: 'main', image: 'docker.io/library/busybox:1.37' }],
      terminationGracePeriodSeconds: 30,
      ...(opts.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}),
    },
    status: { phase: opts.phase ?? 'Running', conditions: [{ type: 'Ready', status: opts.phase === 'Succeeded' ? 'False' : 'True' }] },
  };
  const res = await fetch(`${sim.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`creating pod ${name}: ${res.status} ${await res.text()}`);
  return `default/${name}`;
}
