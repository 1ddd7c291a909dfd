import type { LabelSelector, NodeSortField, NodeSummary } from '@knm/contracts';

/** Order of `sort=status`: Ready, Ready but cordoned, NotReady, Unknown (then by name). */
export function statusRank(n: NodeSummary): number {
  if (n.readiness === 'Ready') return n.unschedulable ? 1 : 0;
  return n.readiness === 'NotReady' ? 2 : 3;
}

const byName = (a: NodeSummary, b: NodeSummary): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Ascending comparators. `age` ascending = youngest first (largest creationTimestamp first), like
 * the AGE column of `kubectl get nodes` sorted ascending; ties break by name.
 */
export const NODE_COMPARATORS: Record<NodeSortField, (a: NodeSummary, b: NodeSummary) => number> = {
  name: byName,
  age: (a, b) => (a.creationTimestamp > b.creationTimestamp ? -1 : a.creationTimestamp < b.creationTimestamp ? 1 : byName(a, b)),
  status: (a, b) => statusRank(a) - statusRank(b) || byName(a, b),
};

/**
 * The in-memory nodes of one cluster with a label index (key -> value -> names) and per-sort-field
 * ordered arrays rebuilt lazily after changes, so a query walks a pre-sorted array instead of
 * sorting every node per request. `seq` is the last applied per-cluster change sequence.
 */
export class NodeStore {
  seq = 0;
  synced = false;
  private readonly nodes = new Map<string, NodeSummary>();
  private readonly labelIndex = new Map<string, Map<string, Set<string>>>();
  private readonly sorted = new Map<NodeSortField, NodeSummary[]>();

  get size(): number {
    return this.nodes.size;
  }

  get(name: string): NodeSummary | undefined {
    return this.nodes.get(name);
  }

  /** Inserts or replaces a node (re-indexing its labels). */
  upsert(node: NodeSummary): void {
    const previous = this.nodes.get(node.name);
    if (previous) this.unindex(previous);
    this.nodes.set(node.name, node);
    for (const [key, value] of Object.entries(node.labels)) {
      let values = this.labelIndex.get(key);
      if (!values) this.labelIndex.set(key, (values = new Map()));
      let names = values.get(value);
      if (!names) values.set(value, (names = new Set()));
      names.add(node.name);
    }
    this.sorted.clear();
  }

  /** Removes a node; a no-op when absent. */
  remove(name: string): void {
    const previous = this.nodes.get(name);
    if (!previous) return;
    this.unindex(previous);
    this.nodes.delete(name);
    this.sorted.clear();
  }

  /** Drops every node (before a full reload). */
  clear(): void {
    this.nodes.clear();
    this.labelIndex.clear();
    this.sorted.clear();
  }

  /** All nodes ordered ascending by `field`; cached until the next change. */
  ordered(field: NodeSortField): readonly NodeSummary[] {
    let list = this.sorted.get(field);
    if (!list) {
      list = [...this.nodes.values()].sort(NODE_COMPARATORS[field]);
      this.sorted.set(field, list);
    }
    return list;
  }

  /**
   * A superset of the nodes matching `selector`, from the label index: the smallest candidate set
   * among its `=`, `==`, `in` and exists requirements, or undefined when no requirement can use
   * the index (the caller then scans every node). Callers still test every requirement.
   */
  candidates(selector: LabelSelector): NodeSummary[] | undefined {
    let best: Set<string> | undefined;
    for (const r of selector.requirements) {
      if (!['=', '==', 'in', 'exists'].includes(r.operator)) continue;
      const values = this.labelIndex.get(r.key);
      const names = new Set<string>();
      if (values) {
        const wanted = r.operator === 'exists' ? [...values.keys()] : r.values;
        for (const v of wanted) for (const n of values.get(v) ?? []) names.add(n);
      }
      if (!best || names.size < best.size) best = names;
    }
    return best && [...best].map((n) => this.nodes.get(n)!);
  }

  private unindex(node: NodeSummary): void {
    for (const [key, value] of Object.entries(node.labels)) {
      const values = this.labelIndex.get(key);
      const names = values?.get(value);
      names?.delete(node.name);
      if (names && names.size === 0) values!.delete(value);
      if (values && values.size === 0) this.labelIndex.delete(key);
    }
  }
}
