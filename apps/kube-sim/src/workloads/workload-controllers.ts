import type { Node, Pod, WorkloadController } from '../api/types';
import type { ResourceRegistry } from '../api/registry';
import { EVENT_SOURCES, type EventRecorder } from '../events/event-recorder';
import type { Random } from '../util/random';
import { fitsNode, pickNode, toleratesTaint } from './scheduling';
import { controllerOf, pendingStatus } from './pod-status';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** Looks up a workload controller (ReplicaSet, StatefulSet, DaemonSet) by kind, namespace and name. */
export type ControllerLookup = (kind: string, namespace: string, name: string) => WorkloadController | undefined;

/**
 * Plays the ReplicaSet, StatefulSet and DaemonSet controllers and the scheduler for replacement
 * pods: ReplicaSet pods get a new name, StatefulSet pods keep theirs with a new uid, DaemonSet
 * pods come back on their node. The replacement's name suffix and uid derive from the seed and
 * the replaced pod's uid, and its node from a rendezvous hash over the fitting nodes, so the
 * outcome does not depend on the order in which pods were evicted. A pod no node fits stays
 * Pending (FailedScheduling) and is bound when a node change makes one fit.
 */
export class WorkloadControllers {
  private readonly unscheduled = new Set<string>();
  private retryQueued = false;

  constructor(
    private readonly pods: ResourceRegistry<Pod>,
    private readonly nodes: ResourceRegistry<Node>,
    private readonly controllers: ControllerLookup,
    private readonly random: Random,
    private readonly now: () => Date,
    private readonly events: EventRecorder,
    /** Starts a bound pod (the kubelet's part). */
    private readonly startPod: (pod: Pod) => void,
  ) {}

  /** Creates the controller's replacement for `gone`, if the controller still exists. */
  replace(gone: Pod): void {
    const ref = controllerOf(gone);
    const ns = gone.metadata.namespace as string;
    const owner = ref ? this.controllers(ref.kind, ns, ref.name) : undefined;
    if (!ref || !owner) return;
    const derived = this.random.fork(`replace/${gone.metadata.uid}`);
    let name = gone.metadata.name;
    if (ref.kind === 'StatefulSet' && this.pods.store.get(ns, name)) return;
    if (ref.kind === 'DaemonSet' && (!gone.spec.nodeName || !this.nodes.store.get(undefined, gone.spec.nodeName) || this.pods.store.get(ns, name))) return;
    if (ref.kind === 'ReplicaSet') do name = `${ref.name}-${derived.suffix(5)}`; while (this.pods.store.get(ns, name));
    const uid = derived.uuid();
    const created = this.now();
    const nodeName = ref.kind === 'DaemonSet' ? gone.spec.nodeName : pickNode(gone, uid, this.nodeList(), gone.spec.nodeName)?.metadata.name;
    const spec = { ...gone.spec };
    delete spec.nodeName;
    const pod: Pod = {
      ...gone,
      metadata: { ...gone.metadata, name, uid, resourceVersion: '', creationTimestamp: rfc3339(created) },
      spec,
      status: pendingStatus(false, undefined, created),
    };
    delete pod.metadata.deletionTimestamp;
    delete pod.metadata.deletionGracePeriodSeconds;
    const stored = this.pods.createAsController(pod);
    this.events.record({
      involvedObject: { kind: owner.kind, namespace: ns, name: owner.metadata.name, uid: owner.metadata.uid, apiVersion: owner.apiVersion },
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: ref.kind === 'StatefulSet' ? `create Pod ${name} in StatefulSet ${ref.name} successful` : `Created pod: ${name}`,
      source: ref.kind === 'StatefulSet' ? EVENT_SOURCES.statefulSetController : ref.kind === 'DaemonSet' ? EVENT_SOURCES.daemonSetController : EVENT_SOURCES.replicaSetController,
    });
    if (nodeName) this.bind(stored, nodeName);
    else this.failScheduling(stored);
  }

  /** Queues a scheduling pass over Pending pods (after node changes: uncordon, Ready, taints removed). */
  nodesChanged(): void {
    if (this.unscheduled.size === 0 || this.retryQueued) return;
    this.retryQueued = true;
    setImmediate(() => {
      this.retryQueued = false;
      this.scheduleUnscheduled();
    });
  }

  /** Forgets Pending pods (stop()). */
  stop(): void {
    this.unscheduled.clear();
  }

  private scheduleUnscheduled(): void {
    const nodes = this.nodeList();
    for (const key of [...this.unscheduled]) {
      const [ns, name] = key.split('/');
      const pod = this.pods.store.get(ns, name);
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) {
        this.unscheduled.delete(key);
        continue;
      }
      const node = pickNode(pod, pod.metadata.uid, nodes);
      if (node) {
        this.unscheduled.delete(key);
        this.bind(pod, node.metadata.name);
      }
    }
  }

  /** Binds `pod` to `nodeName` (pods/binding; DaemonSet pods too, through the default scheduler), then the kubelet starts it. */
  private bind(pod: Pod, nodeName: string): void {
    const node = this.nodes.store.get(undefined, nodeName);
    const hostIP = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
    const bound = this.pods.writeAsController({ ...pod, spec: { ...pod.spec, nodeName }, status: pendingStatus(true, hostIP, this.now()) });
    this.events.record({
      involvedObject: podRef(bound),
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${bound.metadata.namespace}/${bound.metadata.name} to ${nodeName}`,
      source: EVENT_SOURCES.scheduler,
    });
    this.startPod(bound);
  }

  private failScheduling(pod: Pod): void {
    this.unscheduled.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
    const nodes = this.nodeList();
    const reasons = new Map<string, number>();
    for (const node of nodes) {
      const reason = unfitReason(pod, node);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const parts = [...reasons].map(([reason, n]) => `${n} ${reason}`).sort();
    this.events.record({
      involvedObject: podRef(pod),
      type: 'Warning',
      reason: 'FailedScheduling',
      message: `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
      source: EVENT_SOURCES.scheduler,
    });
  }

  private nodeList(): Node[] {
    return this.nodes.store.entries().map((e) => e.object);
  }
}

/** The involvedObject of a pod event. */
export function podRef(pod: Pod, fieldPath?: string): { kind: string; namespace: string; name: string; uid: string; apiVersion: string; fieldPath?: string } {
  return { kind: 'Pod', namespace: pod.metadata.namespace as string, name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1', ...(fieldPath ? { fieldPath } : {}) };
}

/** Why the scheduler's filters reject `node` for `pod`, in its FailedScheduling wording. */
function unfitReason(pod: Pod, node: Node): string {
  if (fitsNode(pod, node)) return 'node(s) were excluded';
  if (node.spec.unschedulable) return 'node(s) were unschedulable';
  const tolerations = pod.spec.tolerations ?? [];
  const taint = (node.spec.taints ?? []).find((t) => t.effect !== 'PreferNoSchedule' && !tolerations.some((tol) => toleratesTaint(tol, t)));
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  return 'node(s) were not ready';
}
