import type { KubeObject, Node, Pod, PodDisruptionBudget, WorkloadController } from '../api/types';
import { createRandom } from '../util/random';
import { DEFAULT_KUBERNETES_VERSION } from '../api/discovery';
import { buildPod, controllerRef, podSpec, TOLERATE_ALL, type PodState, type PodTemplate } from './pod-templates';

/** Everything generated besides nodes. */
export interface GeneratedWorkloads {
  namespaces: KubeObject[];
  daemonSets: WorkloadController[];
  deployments: WorkloadController[];
  replicaSets: WorkloadController[];
  statefulSets: WorkloadController[];
  pods: Pod[];
  podDisruptionBudgets: PodDisruptionBudget[];
}

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');
const APP_NAMESPACES = ['payments', 'checkout', 'search', 'catalog', 'identity'];
const APPS = ['api', 'web', 'worker', 'gateway', 'cache', 'scheduler', 'notifier', 'indexer', 'auth', 'billing'];
const STATEFUL = ['postgres', 'redis', 'kafka', 'elasticsearch', 'zookeeper'];
const DAEMONS: [string, string, string][] = [
  ['kube-system', 'kube-proxy', 'registry.k8s.io/kube-proxy:{version}'],
  ['kube-system', 'aws-node', '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.19.2'],
  ['monitoring', 'node-exporter', 'quay.io/prometheus/node-exporter:v1.9.0'],
];
const STATIC_PODS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const CONTROLLER_OWNED_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/unschedulable'];

/**
 * Generates namespaces, workload controllers, pods and PodDisruptionBudgets for `nodes`,
 * deterministic for (seed, nodes, now). About `podsPerNode` pods per node in total: DaemonSet
 * pods on every node (kube-proxy, aws-node, node-exporter), static-pod mirrors on control-plane
 * nodes, ReplicaSet pods (a quarter with emptyDir), StatefulSet pods, a few bare pods and
 * Succeeded/Failed Job pods. Every StatefulSet and about half the Deployments get a PDB that
 * allows one disruption while all pods are Ready.
 */
export function generateWorkloads(seed: number | string, nodes: readonly Node[], podsPerNode: number, now: Date, kubernetesVersion = DEFAULT_KUBERNETES_VERSION): GeneratedWorkloads {
  const random = createRandom(seed).fork('workloads');
  const out: GeneratedWorkloads = { namespaces: [], daemonSets: [], deployments: [], replicaSets: [], statefulSets: [], pods: [], podDisruptionBudgets: [] };
  const ago = (maxDays: number): Date => new Date(now.getTime() - random.int(3600, maxDays * 86400) * 1000);
  const meta = (name: string, namespace: string | undefined, created: Date, labels?: Record<string, string>): KubeObject['metadata'] => ({
    name, ...(namespace ? { namespace } : {}), uid: random.uuid(), resourceVersion: '0', creationTimestamp: rfc3339(created), generation: 1, ...(labels ? { labels } : {}),
  });
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'monitoring', 'batch-jobs', ...APP_NAMESPACES]) {
    out.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, undefined, ago(400), { 'kubernetes.io/metadata.name': ns }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  const stateOn = (node: Node): PodState => (node.status.conditions.find((c) => c.type === 'Ready')?.status === 'True' ? 'Running' : 'NotReady');
  const controller = (kind: string, name: string, namespace: string, replicas: number, template: PodTemplate): WorkloadController => ({
    apiVersion: 'apps/v1', kind, metadata: meta(name, namespace, ago(300), { app: template.labels.app }),
    spec: { ...(kind === 'DaemonSet' ? {} : { replicas }), selector: { matchLabels: template.labels }, template: { metadata: { labels: template.labels }, spec: template.spec } },
    status: kind === 'DaemonSet' ? { desiredNumberScheduled: replicas, currentNumberScheduled: replicas, numberReady: replicas, observedGeneration: 1 } : { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  });

  for (const [namespace, name, image] of DAEMONS) {
    const t: PodTemplate = { namespace, labels: { 'app.kubernetes.io/name': name, app: name, 'controller-revision-hash': random.suffix(10) }, spec: podSpec(image.replace('{version}', kubernetesVersion), name, { tolerations: TOLERATE_ALL, cpu: '25m', memory: '64Mi' }) };
    const ds = controller('DaemonSet', name, namespace, nodes.length, t);
    out.daemonSets.push(ds);
    const owned = { ...t, owner: controllerRef(ds) };
    for (const node of nodes) out.pods.push(buildPod(random, owned, `${name}-${random.suffix(5)}`, node, stateOn(node), ago(30)));
  }
  const controlPlanes = nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}));
  for (const node of controlPlanes) {
    for (const component of STATIC_PODS) {
      const t: PodTemplate = {
        namespace: 'kube-system', labels: { component, tier: 'control-plane' },
        annotations: { 'kubernetes.io/config.hash': random.hex(32), 'kubernetes.io/config.mirror': random.hex(32), 'kubernetes.io/config.source': 'file' },
        spec: { ...podSpec(`registry.k8s.io/${component}:${kubernetesVersion}`, component, { tolerations: [{ operator: 'Exists', effect: 'NoExecute' }], cpu: '250m', memory: '256Mi' }), hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000 },
        owner: { apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid, controller: true },
      };
      out.pods.push(buildPod(random, t, `${component}-${node.metadata.name}`, node, stateOn(node), ago(60)));
    }
  }
  // Application pods live on Ready nodes: on a NotReady/Unknown node the taint manager would have
  // evicted them after their 300 s not-ready/unreachable toleration.
  const hosts = nodes.filter((n) => stateOn(n) === 'Running' && (n.spec.taints ?? []).every((t) => CONTROLLER_OWNED_TAINTS.includes(t.key)));
  if (hosts.length === 0) return out;
  const target = Math.round(nodes.length * podsPerNode) - out.pods.length;
  const extras = Math.max(1, Math.round(hosts.length / 25));
  let appPods = Math.max(0, target - 3 * extras);
  const placeAll = (t: PodTemplate, names: string[]): void => {
    for (const podName of names) {
      const node = hosts[random.int(0, hosts.length - 1)];
      out.pods.push(buildPod(random, t, podName, node, stateOn(node), ago(20)));
    }
  };
  const budget = (namespace: string, name: string, labels: Record<string, string>, spec: Partial<PodDisruptionBudget['spec']>): void => {
    out.podDisruptionBudgets.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(name, namespace, ago(200)), spec: { ...spec, selector: { matchLabels: labels } } });
  };
  for (let i = 0; appPods > 0 && i < Math.max(1, Math.round(hosts.length / 20)); i++) {
    const namespace = APP_NAMESPACES[i % APP_NAMESPACES.length];
    const name = `${STATEFUL[i % STATEFUL.length]}${i >= STATEFUL.length ? `-${Math.floor(i / STATEFUL.length)}` : ''}`;
    const replicas = 3;
    const t: PodTemplate = { namespace, labels: { app: name }, spec: podSpec(`docker.io/library/${STATEFUL[i % STATEFUL.length]}:latest`, STATEFUL[i % STATEFUL.length], { cpu: '500m', memory: '1Gi' }) };
    const ss = controller('StatefulSet', name, namespace, replicas, t);
    out.statefulSets.push(ss);
    placeAll({ ...t, owner: controllerRef(ss) }, [...Array(replicas).keys()].map((k) => `${name}-${k}`));
    budget(namespace, name, t.labels, { maxUnavailable: 1 });
    appPods -= replicas;
  }
  for (let i = 0; appPods > 0; i++) {
    const namespace = APP_NAMESPACES[i % APP_NAMESPACES.length];
    const name = `${APPS[i % APPS.length]}${i >= APPS.length ? `-${Math.floor(i / APPS.length)}` : ''}`;
    const replicas = Math.min(appPods, random.int(2, 6));
    const hash = random.suffix(10);
    const t: PodTemplate = { namespace, labels: { app: name, 'pod-template-hash': hash }, spec: podSpec(`ghcr.io/example/${namespace}-${APPS[i % APPS.length]}:1.${random.int(0, 40)}.${random.int(0, 9)}`, APPS[i % APPS.length], { emptyDir: random.chance(0.25) }) };
    const deploy = controller('Deployment', name, namespace, replicas, { ...t, labels: { app: name } });
    const rs = controller('ReplicaSet', `${name}-${hash}`, namespace, replicas, t);
    rs.metadata.ownerReferences = [controllerRef(deploy)];
    out.deployments.push(deploy);
    out.replicaSets.push(rs);
    placeAll({ ...t, owner: controllerRef(rs) }, [...Array(replicas).keys()].map(() => `${rs.metadata.name}-${random.suffix(5)}`));
    if (replicas >= 3 && random.chance(0.5)) budget(namespace, name, { app: name }, random.chance(0.5) ? { minAvailable: replicas - 1 } : { maxUnavailable: 1 });
    appPods -= replicas;
  }
  for (let i = 0; i < extras; i++) {
    placeAll({ namespace: 'default', labels: { run: `debug-${i}` }, spec: podSpec('docker.io/library/busybox:1.37', 'debug') }, [`debug-shell-${random.suffix(5)}`]);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(`nightly-report-${random.int(28900000, 29100000)}`, 'batch-jobs', ago(3)) } as KubeObject;
    for (const state of ['Succeeded', 'Failed'] as const) {
      const node = hosts[random.int(0, hosts.length - 1)];
      const t: PodTemplate = { namespace: 'batch-jobs', labels: { 'job-name': job.metadata.name }, spec: podSpec('ghcr.io/example/report:2.1.0', 'report', { restartPolicy: 'Never' }), owner: controllerRef(job) };
      out.pods.push(buildPod(random, t, `${job.metadata.name}-${random.suffix(5)}`, node, state === 'Failed' && random.chance(0.7) ? 'Succeeded' : state, ago(2)));
    }
  }
  return out;
}
