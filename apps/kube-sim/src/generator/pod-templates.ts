import type { KubeObject, Node, OwnerReference, Pod, Toleration } from '../api/types';
import type { Random } from '../util/random';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** The tolerations the DefaultTolerationSeconds admission plugin adds to every pod. */
export const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/** DaemonSet pods tolerate everything (the DaemonSet controller adds these and more). */
export const TOLERATE_ALL: Toleration[] = [{ operator: 'Exists' }];

/** What a generated pod is made from. Sub-objects are shared between pods (stored objects are immutable). */
export interface PodTemplate {
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  spec: Pod['spec'];
  owner?: OwnerReference;
}

/** A pod spec with one container; `emptyDir` adds a scratch volume (drain needs --delete-emptydir-data). */
export function podSpec(image: string, container: string, opts: { emptyDir?: boolean; tolerations?: Toleration[]; restartPolicy?: string; cpu?: string; memory?: string } = {}): Pod['spec'] {
  const spec: Pod['spec'] = {
    containers: [{
      name: container, image, imagePullPolicy: 'IfNotPresent',
      resources: { requests: { cpu: opts.cpu ?? '100m', memory: opts.memory ?? '128Mi' }, limits: { memory: opts.memory ?? '128Mi' } },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      ...(opts.emptyDir ? { volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] } : {}),
    }],
    restartPolicy: opts.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    priority: 0,
    preemptionPolicy: 'PreemptLowerPriority',
    tolerations: opts.tolerations ?? DEFAULT_TOLERATIONS,
  };
  if (opts.emptyDir) spec.volumes = [{ name: 'scratch', emptyDir: {} }];
  return spec;
}

/** How a generated pod is doing. */
export type PodState = 'Running' | 'NotReady' | 'Succeeded' | 'Failed';

/**
 * Builds a scheduled pod from a template: name, uid, node binding, and a kubelet-style status for
 * `state` (Running+Ready, Running but not Ready, or terminated Completed/Error).
 */
export function buildPod(random: Random, t: PodTemplate, name: string, node: Node, state: PodState, created: Date): Pod {
  const started = rfc3339(created);
  const hostIP = node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  const hostNetwork = t.spec.hostNetwork === true;
  const podIP = hostNetwork ? hostIP : `100.${64 + random.int(0, 63)}.${random.int(0, 255)}.${random.int(2, 254)}`;
  const ready = state === 'Running';
  const terminated = state === 'Succeeded' || state === 'Failed';
  const cond = (type: string, status: boolean): { type: string; status: 'True' | 'False'; lastProbeTime: null; lastTransitionTime: string } => ({ type, status: status ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started });
  const containerStatuses = t.spec.containers.map((c) => ({
    name: c.name, image: c.image, imageID: `${c.image.split(':')[0]}@sha256:${random.hex(64)}`, containerID: `containerd://${random.hex(64)}`,
    ready, restartCount: state === 'NotReady' ? random.int(1, 40) : random.chance(0.1) ? random.int(1, 3) : 0, started: !terminated,
    state: terminated
      ? { terminated: { exitCode: state === 'Failed' ? 1 : 0, reason: state === 'Failed' ? 'Error' : 'Completed', startedAt: started, finishedAt: started, containerID: '' } }
      : { running: { startedAt: started } },
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: t.namespace, uid: random.uuid(), resourceVersion: '0', creationTimestamp: started, labels: t.labels,
      ...(t.annotations ? { annotations: t.annotations } : {}),
      ...(t.owner ? { ownerReferences: [t.owner] } : {}),
    },
    spec: { ...t.spec, nodeName: node.metadata.name },
    status: {
      phase: terminated ? state : 'Running',
      conditions: [cond('PodReadyToStartContainers', !terminated), cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
      hostIP, hostIPs: [{ ip: hostIP }], podIP, podIPs: [{ ip: podIP }], startTime: started, containerStatuses, qosClass: 'Burstable',
    },
  };
}

/** An ownerReference to `owner` with controller: true (as controllers set on their pods). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}
