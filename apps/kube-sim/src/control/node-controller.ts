import type { JsonValue, Node, NodeCondition, Taint } from '../api/types';
import { notFound } from '../api/status';
import type { ResourceRegistry, ResourceStrategy } from '../api/registry';
import { validateTaints } from '../api/validation';
import { NODE_MERGE_SCHEMA } from '../patch/strategic-merge-patch';
import { conditionStatus, desiredControllerTaints, reconcileControllerTaints } from './node-conditions';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Node RESTStrategy (pkg/registry/core/node/strategy.go): writes to the node keep the old status,
 * writes to nodes/status keep the old spec; taints validated; strategic patches use the Node merge
 * keys (spec.taints atomic). `onChange` sees every stored write with the previous state.
 */
export function nodeStrategy(onChange: (node: Node, old: Node | undefined) => void): ResourceStrategy<Node> {
  return {
    mergeSchema: NODE_MERGE_SCHEMA,
    validate: (node) => validateTaints(node.spec?.taints),
    prepareForUpdate: (next, old, subresource) => (subresource === 'status' ? { ...next, spec: old.spec } : { ...next, status: old.status }),
    afterWrite: (node, old) => onChange(node, old),
  };
}

/**
 * Plays the node lifecycle controller for the simulated nodes and offers direct node edits
 * (taints, labels, any mutation). Every action is a write with a new resourceVersion and a watch
 * event. After any node change it reconciles the controller-owned taints in a separate write, like
 * the real controller (see desiredControllerTaints): unschedulable, not-ready, unreachable and
 * the pressure taints. Heartbeats advance lastHeartbeatTime of nodes whose kubelet is posting.
 */
export class NodeController {
  private readonly pending = new Set<string>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: ResourceRegistry<Node>,
    private readonly now: () => Date,
    /** Called for each posting node on every heartbeat tick (the kubelet renews its lease). */
    private readonly onHeartbeat: (node: Node) => void = () => undefined,
  ) {}

  /** Queues a taint reconcile of `node` (run on the next tick, as a separate write). */
  scheduleReconcile(node: Node): void {
    if (this.pending.has(node.metadata.name)) return;
    this.pending.add(node.metadata.name);
    setImmediate(() => {
      this.pending.delete(node.metadata.name);
      this.reconcileTaints(node.metadata.name);
    });
  }

  /** Adds (or replaces the same key+effect) taint; NoExecute taints get timeAdded. @throws ApiError 404. */
  addTaint(name: string, taint: Taint): Node {
    return this.modify(name, (node) => {
      const t: Taint = { ...taint };
      if (t.effect === 'NoExecute' && !t.timeAdded) t.timeAdded = rfc3339(this.now());
      node.spec.taints = [...(node.spec.taints ?? []).filter((x) => !(x.key === t.key && x.effect === t.effect)), t];
    });
  }

  /** Removes taints with `key` (and `effect`, when given). @throws ApiError 404. */
  removeTaint(name: string, key: string, effect?: string): Node {
    return this.modify(name, (node) => {
      const taints = (node.spec.taints ?? []).filter((t) => !(t.key === key && (effect === undefined || t.effect === effect)));
      if (taints.length) node.spec.taints = taints;
      else delete node.spec.taints;
    });
  }

  /** Sets labels; a null value removes the label. @throws ApiError 404 or 422 for invalid labels. */
  setLabels(name: string, labels: Record<string, string | null>): Node {
    return this.modify(name, (node) => {
      const next = { ...(node.metadata.labels ?? {}) };
      for (const [k, v] of Object.entries(labels)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      node.metadata.labels = next;
    });
  }

  /**
   * Applies `mutate` to a deep copy of the node and stores it: metadata/spec through the node
   * resource, status through nodes/status, as kubelet and controllers write them (validated,
   * at most two writes, none when nothing changed). @throws ApiError 404/422.
   */
  modify(name: string, mutate: (node: Node) => void): Node {
    const current = this.registry.store.get(undefined, name);
    if (!current) throw notFound(this.registry.target(name));
    const draft = structuredClone(current);
    mutate(draft);
    const asBody = (n: Node): JsonValue => ({ ...n, metadata: { ...n.metadata, resourceVersion: '' } }) as unknown as JsonValue;
    let stored = this.registry.update(undefined, name, asBody(draft));
    if (JSON.stringify(stored.status) !== JSON.stringify(draft.status)) stored = this.registry.update(undefined, name, asBody({ ...stored, status: draft.status }), 'status');
    return stored;
  }

  /** The node, or 404. */
  get(name: string): Node {
    const node = this.registry.store.get(undefined, name);
    if (!node) throw notFound(this.registry.target(name));
    return node;
  }

  /**
   * Starts or stops (0) heartbeats: every `intervalMs`, each node whose kubelet posts (Ready not
   * Unknown) gets a new lastHeartbeatTime (a status-only write) and its lease a new renewTime.
   */
  setHeartbeatInterval(intervalMs: number): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    if (intervalMs > 0) this.heartbeatTimer = setInterval(() => this.heartbeat(), intervalMs).unref();
  }

  /** Stops timers. */
  stop(): void {
    this.setHeartbeatInterval(0);
  }

  private heartbeat(): void {
    const hb = rfc3339(this.now());
    for (const e of this.registry.store.entries()) {
      const node = e.object;
      if ((conditionStatus(node, 'Ready') ?? 'Unknown') === 'Unknown') continue;
      const conditions = node.status.conditions.map((c): NodeCondition => (c.status === 'Unknown' ? c : { ...c, lastHeartbeatTime: hb }));
      this.onHeartbeat(this.registry.writeAsController({ ...node, status: { ...node.status, conditions } }));
    }
  }

  private reconcileTaints(name: string): void {
    const node = this.registry.store.get(undefined, name);
    if (!node) return;
    const existing = node.spec.taints ?? [];
    const next = reconcileControllerTaints(existing, desiredControllerTaints(node), rfc3339(this.now()));
    const key = (ts: readonly Taint[]): string => JSON.stringify(ts.map((t) => `${t.key}:${t.effect}`).sort());
    if (key(next) === key(existing)) return;
    const spec = { ...node.spec };
    if (next.length) spec.taints = next;
    else delete spec.taints;
    this.registry.writeAsController({ ...node, spec });
  }
}
