import type { CoreEvent, ObjectReference } from '../api/types';
import type { ResourceRegistry } from '../api/registry';
import type { Random } from '../util/random';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** Who reports an event: `source.component` and `source.host` (kubelet: its node name). */
export interface EventSource {
  component: string;
  host?: string;
}

/** One event to record. */
export interface EventSpec {
  involvedObject: ObjectReference;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
}

/** The sources the simulator reports as (the components that write these events in a cluster). */
export const EVENT_SOURCES = {
  kubelet: (node: string): EventSource => ({ component: 'kubelet', host: node }),
  nodeController: { component: 'node-controller' } as EventSource,
  scheduler: { component: 'default-scheduler' } as EventSource,
  replicaSetController: { component: 'replicaset-controller' } as EventSource,
  statefulSetController: { component: 'statefulset-controller' } as EventSource,
  daemonSetController: { component: 'daemonset-controller' } as EventSource,
};

/**
 * Records core/v1 Events like client-go's legacy event recorder (tools/record): the event lives in
 * the involved object's namespace (`default` for cluster-scoped objects such as nodes) and is named
 * `<object name>.<hex timestamp>`; an identical event (same source, object, type, reason and
 * message: the EventCorrelator's key) still stored is updated instead, with `count` + 1 and a new
 * `lastTimestamp`. The oldest events are removed beyond `limit` (the apiserver expires them after
 * its --event-ttl, 1 h by default). Uids come from this recorder's own random source, so events
 * never shift the uids of other objects.
 */
export class EventRecorder {
  private readonly byKey = new Map<string, { namespace: string; name: string }>();
  private readonly order: { namespace: string; name: string; key: string }[] = [];
  private head = 0;
  private sequence = 0;

  constructor(
    private readonly events: ResourceRegistry<CoreEvent>,
    private readonly random: Random,
    private readonly now: () => Date,
    private readonly limit: number,
  ) {}

  /** Records `spec` (new event or count + 1); returns the stored event. */
  record(spec: EventSpec): CoreEvent {
    const now = this.now();
    const key = JSON.stringify([spec.source.component, spec.source.host ?? '', spec.involvedObject.kind, spec.involvedObject.namespace ?? '', spec.involvedObject.name, spec.involvedObject.uid ?? '', spec.involvedObject.apiVersion ?? '', spec.type, spec.reason, spec.message]);
    const known = this.byKey.get(key);
    const existing = known ? this.events.store.get(known.namespace, known.name) : undefined;
    if (existing) return this.events.writeAsController({ ...existing, count: existing.count + 1, lastTimestamp: rfc3339(now) });
    const namespace = spec.involvedObject.namespace || 'default';
    const nanos = BigInt(now.getTime()) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
    const name = `${spec.involvedObject.name}.${nanos.toString(16)}`;
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: this.random.uuid(), resourceVersion: '', creationTimestamp: rfc3339(now) },
      involvedObject: spec.involvedObject,
      reason: spec.reason,
      message: spec.message,
      source: spec.source.host ? { component: spec.source.component, host: spec.source.host } : { component: spec.source.component },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type: spec.type,
      eventTime: null,
      reportingComponent: spec.source.component,
      reportingInstance: spec.source.host ?? '',
    };
    const stored = this.events.createAsController(event);
    this.byKey.set(key, { namespace, name });
    this.order.push({ namespace, name, key });
    this.expire();
    return stored;
  }

  private expire(): void {
    while (this.order.length - this.head > this.limit) {
      const old = this.order[this.head++];
      this.events.store.remove(old.namespace, old.name);
      if (this.byKey.get(old.key)?.name === old.name) this.byKey.delete(old.key);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** The reference kubelets put in node events: kind Node, uid = the node's name (kubectl describe node queries both uids). */
export function kubeletNodeRef(node: string): ObjectReference {
  return { kind: 'Node', name: node, uid: node };
}

/** The reference controllers put in node events: apiVersion v1, the node's real uid. */
export function controllerNodeRef(node: { metadata: { name: string; uid: string } }): ObjectReference {
  return { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid, apiVersion: 'v1' };
}
