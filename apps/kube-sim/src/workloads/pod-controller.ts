import type { Node, Pod } from '../api/types';
import { notFound } from '../api/status';
import type { DeleteOptions, ResourceRegistry, ResourceStrategy } from '../api/registry';
import { EVENT_SOURCES, type EventRecorder } from '../events/event-recorder';
import { POD_MERGE_SCHEMA } from '../patch/strategic-merge-patch';
import type { Random } from '../util/random';
import { SimTimers } from '../util/timers';
import { controllerOf, isPodTerminal, runningStatus, withReadiness } from './pod-status';
import { podRef, WorkloadControllers, type ControllerLookup } from './workload-controllers';

export { controllerOf, isPodHealthy } from './pod-status';
export type { ControllerLookup } from './workload-controllers';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** Simulated durations. Seconds are simulated seconds, multiplied by the scale for real time. */
export interface PodTimings {
  /** Real seconds per simulated second for replacement and startup (default 0.1: ten times faster than real time). */
  timeFactor: number;
  /** Real seconds per second of a pod's grace period (default: timeFactor). */
  graceScale: number;
  /** From a controller noticing a missing pod to the replacement being created. */
  replacementDelaySeconds: number;
  /** From a pod's creation to Running and Ready. */
  startupSeconds: number;
}

/** A pod API DELETE as the apiserver handled it (for the disruption counters). */
export type PodDeleteObserver = (pod: Pod, options: DeleteOptions) => void;

/**
 * Plays the kubelet for pods, and drives the workload controllers (WorkloadControllers):
 * graceful deletion (deletionTimestamp = now + grace, removal after grace x graceScale, a kubelet
 * Killing event per container), startup (Pending -> Running/Ready), and the node lifecycle
 * controller's MarkPodsNotReady when a node's kubelet goes silent. A silent kubelet (node Ready
 * Unknown) neither finishes terminations nor starts pods: those wait until it posts again, as on
 * a real unreachable node (why kubectl drain has --skip-wait-for-delete-timeout).
 */
export class PodController {
  private readonly timers = new SimTimers();
  private readonly removals = new Map<string, NodeJS.Timeout>();
  /** Per silent node: pod keys whose removal or start waits for the kubelet. */
  private readonly waiting = new Map<string, Set<string>>();
  /** Per silent node: pod uids the lifecycle controller marked not ready. */
  private readonly markedNotReady = new Map<string, Set<string>>();
  readonly workloads: WorkloadControllers;

  constructor(
    private readonly pods: ResourceRegistry<Pod>,
    private readonly nodes: ResourceRegistry<Node>,
    controllers: ControllerLookup,
    private readonly random: Random,
    private readonly now: () => Date,
    readonly timings: PodTimings,
    private readonly events: EventRecorder,
    /** Called after every pod write and removal (budgets follow pods). */
    private readonly onPodChange: (pod: Pod) => void,
    private readonly onApiDelete: PodDeleteObserver,
  ) {
    this.workloads = new WorkloadControllers(pods, nodes, controllers, random, now, events, (pod) => this.scheduleStart(pod));
  }

  /** The pod RESTStrategy: merge keys, status/spec split, graceful deletion. */
  strategy(): ResourceStrategy<Pod> {
    return {
      mergeSchema: POD_MERGE_SCHEMA,
      prepareForUpdate: (next, old, subresource) => (subresource === 'status' ? { ...next, spec: old.spec } : { ...next, status: old.status }),
      delete: (pod, options) => {
        this.onApiDelete(pod, options);
        return options.dryRun ? pod : this.deletePod(pod, options);
      },
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
   * unscheduled or terminal pods and grace 0 go at once; otherwise deletionTimestamp = now + grace
   * and deletionGracePeriodSeconds = grace, and the pod disappears after grace x graceScale (real
   * seconds); a later delete may only shorten the grace. Returns the object the response shows.
   */
  deletePod(pod: Pod, options: DeleteOptions): Pod {
    const requested = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const grace = !pod.spec.nodeName || isPodTerminal(pod) ? 0 : Math.max(0, requested);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const first = !pod.metadata.deletionTimestamp;
    if (first && pod.spec.nodeName && !isPodTerminal(pod)) this.recordKilling(pod);
    if (grace === 0) return this.removePod(pod);
    if (!first && (pod.metadata.deletionGracePeriodSeconds ?? 0) <= grace) return pod;
    const deadline = new Date(this.now().getTime() + grace * 1000);
    const stored = this.pods.writeAsController({
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: rfc3339(deadline), deletionGracePeriodSeconds: grace },
      status: withReadiness(pod.status, false, this.now()),
    });
    this.timers.cancel(this.removals.get(key));
    const uid = pod.metadata.uid;
    this.removals.set(key, this.timers.after(grace * 1000 * this.timings.graceScale, () => {
      this.removals.delete(key);
      const current = this.pods.store.get(pod.metadata.namespace, pod.metadata.name);
      if (current?.metadata.uid !== uid) return;
      if (this.kubeletSilent(current.spec.nodeName)) this.wait(current.spec.nodeName as string, key);
      else this.removePod(current);
    }));
    if (first && controllerOf(pod)?.kind === 'ReplicaSet') this.afterSim(this.timings.replacementDelaySeconds, () => this.workloads.replace(pod));
    return stored;
  }

  /**
   * A node's kubelet stopped (`posting` false) or resumed posting. Stopping marks the node's
   * running pods not ready (MarkPodsNotReady); resuming restores them, finishes the terminations
   * and starts the pods that waited for it.
   */
  kubeletChanged(nodeName: string, posting: boolean): void {
    if (!posting) {
      const marked = new Set<string>();
      for (const e of this.pods.store.byIndex('spec.nodeName', nodeName)) {
        const pod = e.object;
        if (pod.metadata.deletionTimestamp || !pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
        marked.add(pod.metadata.uid);
        this.pods.writeAsController({ ...pod, status: withReadiness(pod.status, false, this.now()) });
      }
      this.markedNotReady.set(nodeName, marked);
      return;
    }
    const marked = this.markedNotReady.get(nodeName) ?? new Set<string>();
    this.markedNotReady.delete(nodeName);
    for (const e of this.pods.store.byIndex('spec.nodeName', nodeName)) {
      const pod = e.object;
      if (marked.has(pod.metadata.uid) && !pod.metadata.deletionTimestamp) this.pods.writeAsController({ ...pod, status: withReadiness(pod.status, true, this.now()) });
    }
    const keys = this.waiting.get(nodeName) ?? new Set<string>();
    this.waiting.delete(nodeName);
    for (const key of keys) {
      const [ns, name] = key.split('/');
      const pod = this.pods.store.get(ns, name);
      if (!pod) continue;
      if (pod.metadata.deletionTimestamp && !this.removals.has(key)) this.removePod(pod);
      else if (!pod.metadata.deletionTimestamp) this.start(pod);
    }
  }

  /** Stops all timers. */
  stop(): void {
    this.timers.stop();
    this.workloads.stop();
  }

  private removePod(pod: Pod): Pod {
    const final = this.pods.store.remove(pod.metadata.namespace, pod.metadata.name) as Pod;
    this.onPodChange(final);
    const kind = controllerOf(pod)?.kind;
    if (kind === 'StatefulSet' || kind === 'DaemonSet' || (kind === 'ReplicaSet' && !pod.metadata.deletionTimestamp)) {
      this.afterSim(this.timings.replacementDelaySeconds, () => this.workloads.replace(pod));
    }
    return final;
  }

  private scheduleStart(pod: Pod): void {
    const { namespace, name, uid } = pod.metadata;
    this.afterSim(this.timings.startupSeconds, () => {
      const current = this.pods.store.get(namespace, name);
      if (!current || current.metadata.uid !== uid || current.metadata.deletionTimestamp) return;
      if (this.kubeletSilent(current.spec.nodeName)) this.wait(current.spec.nodeName as string, `${namespace}/${name}`);
      else this.start(current);
    });
  }

  private start(pod: Pod): void {
    if (pod.status.phase !== 'Pending' || !pod.spec.nodeName) return;
    this.pods.writeAsController({ ...pod, status: runningStatus(pod, this.random.fork(`start/${pod.metadata.uid}`), this.now()) });
  }

  private recordKilling(pod: Pod): void {
    for (const c of pod.spec.containers) {
      this.events.record({ involvedObject: podRef(pod, `spec.containers{${c.name}}`), type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, source: EVENT_SOURCES.kubelet(pod.spec.nodeName as string) });
    }
  }

  private kubeletSilent(nodeName: string | undefined): boolean {
    const node = nodeName ? this.nodes.store.get(undefined, nodeName) : undefined;
    return node !== undefined && (node.status.conditions.find((c) => c.type === 'Ready')?.status ?? 'Unknown') === 'Unknown';
  }

  private wait(nodeName: string, key: string): void {
    let set = this.waiting.get(nodeName);
    if (!set) this.waiting.set(nodeName, (set = new Set()));
    set.add(key);
  }

  private afterSim(simSeconds: number, fn: () => void): void {
    this.timers.after(simSeconds * 1000 * this.timings.timeFactor, fn);
  }
}
