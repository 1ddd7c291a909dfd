import type { JsonValue, Node, Pod, PodCondition, WorkloadController } from '../api/types';
import { notFound } from '../api/status';
import type { DeleteOptions, ResourceRegistry, ResourceStrategy } from '../api/registry';
import { POD_MERGE_SCHEMA } from '../patch/strategic-merge-patch';
import type { Random } from '../util/random';
import { pickNode } from './scheduling';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** Simulated durations, in simulated seconds (multiplied by `timeFactor` for real time). */
export interface PodTimings {
  /** Real seconds per simulated second (default 0.1: ten times faster than real time). */
  timeFactor: number;
  /** From a controller noticing a missing pod to the replacement being created. */
  replacementDelaySeconds: number;
  /** From a pod's creation to Running and Ready. */
  startupSeconds: number;
}

/** Looks up a workload controller (ReplicaSet, StatefulSet, DaemonSet) by kind, namespace and name. */
export type ControllerLookup = (kind: string, namespace: string, name: string) => WorkloadController | undefined;

/** Whether a pod counts as healthy for disruption budgets: Ready=True and not terminating. */
export function isPodHealthy(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/**
 * Plays kubelet, scheduler and the ReplicaSet/StatefulSet/DaemonSet controllers for pods:
 * graceful deletion (deletionTimestamp, removal after the grace period), replacement of deleted
 * controller-owned pods (ReplicaSet: new name on another fitting node once the old one is
 * terminating; StatefulSet: same name, new UID, once the old one is gone; DaemonSet: same node),
 * and startup (Pending -> Running/Ready).
 */
export class PodController {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly removals = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly pods: ResourceRegistry<Pod>,
    private readonly nodes: ResourceRegistry<Node>,
    private readonly controllers: ControllerLookup,
    private readonly random: Random,
    private readonly now: () => Date,
    readonly timings: PodTimings,
    /** Called after every pod write and removal (budgets follow pods). */
    private readonly onPodChange: (pod: Pod) => void,
  ) {}

  /** The pod RESTStrategy: merge keys, status/spec split, graceful deletion. */
  strategy(): ResourceStrategy<Pod> {
    return {
      mergeSchema: POD_MERGE_SCHEMA,
      prepareForUpdate: (next, old, subresource) => (subresource === 'status' ? { ...next, spec: old.spec } : { ...next, status: old.status }),
      delete: (pod, options) => this.deletePod(pod, options),
      afterWrite: (pod) => this.onPodChange(pod),
    };
  }

  /** Sets readiness (Ready/ContainersReady and container ready flags). @throws ApiError 404. */
  setReady(namespace: string, name: string, ready: boolean): Pod {
    const pod = this.pods.store.get(namespace, name);
    if (!pod) throw notFound(this.pods.target(name));
    return this.pods.writeAsController({ ...pod, status: withReadiness(pod.status, ready, this.now()) });
  }

  /**
   * Deletes a pod as the apiserver + kubelet do (pkg/registry/core/pod/strategy.go
   * CheckGracefulDelete): grace = options ?? spec.terminationGracePeriodSeconds ?? 30 s;
   * unscheduled or terminal pods and grace 0 go at once; otherwise deletionTimestamp is set and
   * the pod disappears after the grace period (scaled by timeFactor). Returns the response object.
   */
  deletePod(pod: Pod, options: DeleteOptions): Pod {
    const requested = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    const grace = !pod.spec.nodeName || terminal ? 0 : Math.max(0, requested);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (grace === 0) return this.removePod(pod);
    if (pod.metadata.deletionTimestamp && (pod.metadata.deletionGracePeriodSeconds ?? 0) <= grace) return pod;
    const deadline = new Date(this.now().getTime() + grace * 1000);
    const stored = this.pods.writeAsController({
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: rfc3339(deadline), deletionGracePeriodSeconds: grace },
      status: withReadiness(pod.status, false, this.now()),
    });
    clearTimeout(this.removals.get(key));
    const uid = pod.metadata.uid;
    this.removals.set(key, this.after(grace, () => {
      this.removals.delete(key);
      const current = this.pods.store.get(pod.metadata.namespace, pod.metadata.name);
      if (current?.metadata.uid === uid) this.removePod(current);
    }));
    if (!pod.metadata.deletionTimestamp && controllerOf(pod)?.kind === 'ReplicaSet') this.after(this.timings.replacementDelaySeconds, () => this.replace(pod));
    return stored;
  }

  /** Stops all timers. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private removePod(pod: Pod): Pod {
    const final = this.pods.store.remove(pod.metadata.namespace, pod.metadata.name) as Pod;
    this.onPodChange(final);
    const kind = controllerOf(pod)?.kind;
    if ((kind === 'StatefulSet' || kind === 'DaemonSet') || (kind === 'ReplicaSet' && !pod.metadata.deletionTimestamp)) {
      this.after(this.timings.replacementDelaySeconds, () => this.replace(pod));
    }
    return final;
  }

  /** Creates the controller's replacement for `gone`, if the controller still exists. */
  private replace(gone: Pod): void {
    const ref = controllerOf(gone);
    const ns = gone.metadata.namespace as string;
    if (!ref || !this.controllers(ref.kind, ns, ref.name)) return;
    let name = gone.metadata.name;
    let nodeName: string | undefined = gone.spec.nodeName;
    if (ref.kind === 'StatefulSet' && this.pods.store.get(ns, name)) return;
    if (ref.kind === 'DaemonSet') {
      if (!nodeName || !this.nodes.store.get(undefined, nodeName) || this.pods.store.get(ns, name)) return;
    } else {
      if (ref.kind === 'ReplicaSet') name = `${ref.name}-${this.random.suffix(5)}`;
      const nodes = this.nodes.store.entries().map((e) => e.object);
      nodeName = pickNode(gone, nodes, (n) => this.pods.store.byIndex('spec.nodeName', n).length, gone.spec.nodeName)?.metadata.name;
    }
    const created = this.now();
    const spec = { ...gone.spec };
    if (nodeName) spec.nodeName = nodeName;
    else delete spec.nodeName;
    const hostIP = nodeName ? this.nodes.store.get(undefined, nodeName)?.status.addresses.find((a) => a.type === 'InternalIP')?.address : undefined;
    const pod: Pod = {
      ...gone,
      metadata: { ...gone.metadata, name, uid: this.random.uuid(), resourceVersion: '', creationTimestamp: rfc3339(created), deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined },
      spec,
      status: pendingStatus(nodeName !== undefined, hostIP, created),
    };
    delete pod.metadata.deletionTimestamp;
    delete pod.metadata.deletionGracePeriodSeconds;
    const stored = this.pods.create(ns, pod as unknown as JsonValue);
    if (nodeName) this.after(this.timings.startupSeconds, () => this.start(ns, stored.metadata.name, stored.metadata.uid));
  }

  private start(namespace: string, name: string, uid: string): void {
    const pod = this.pods.store.get(namespace, name);
    if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) return;
    const now = this.now();
    const podIP = `100.${64 + this.random.int(0, 63)}.${this.random.int(0, 255)}.${this.random.int(2, 254)}`;
    const containerStatuses = pod.spec.containers.map((c) => ({
      name: c.name, image: c.image, imageID: '', containerID: `containerd://${this.random.hex(64)}`, ready: true, restartCount: 0, started: true,
      state: { running: { startedAt: rfc3339(now) } },
    }));
    this.pods.writeAsController({ ...pod, status: withReadiness({ ...pod.status, phase: 'Running', podIP, podIPs: [{ ip: podIP }], startTime: rfc3339(now), containerStatuses }, true, now) });
  }

  private after(simSeconds: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, simSeconds * 1000 * this.timings.timeFactor);
    t.unref();
    this.timers.add(t);
    return t;
  }
}

/** The owner reference with controller: true, if any. */
export function controllerOf(pod: Pod): { kind: string; name: string; uid: string } | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

function withReadiness(status: Pod['status'], ready: boolean, now: Date): Pod['status'] {
  const value = ready ? 'True' : 'False';
  const conditions: PodCondition[] = (status.conditions ?? []).filter((c) => c.type !== 'Ready' && c.type !== 'ContainersReady');
  const changed = (type: string): PodCondition => {
    const old = status.conditions?.find((c) => c.type === type);
    return { type, status: value, lastProbeTime: null, lastTransitionTime: old?.status === value && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now) };
  };
  conditions.push(changed('ContainersReady'), changed('Ready'));
  return { ...status, conditions, containerStatuses: status.containerStatuses?.map((c) => ({ ...c, ready })) };
}

function pendingStatus(scheduled: boolean, hostIP: string | undefined, now: Date): Pod['status'] {
  const t = rfc3339(now);
  if (!scheduled) {
    return { phase: 'Pending', qosClass: 'Burstable', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'Unschedulable' }] };
  }
  return {
    phase: 'Pending', hostIP, qosClass: 'Burstable', startTime: t,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'ContainersNotReady' },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'ContainersNotReady' },
    ],
  };
}
