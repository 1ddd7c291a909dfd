import type { NodeChangedEvent, NodeSummary } from '@knm/contracts';
import type { LeaseHandle } from '@knm/leader';
import type { NodeSink, NodeWatchEvent } from './node-reflector';
import { significantChanges } from './node-diff';
import type { InformerRepository, NodeRowChange } from './informer.repository';

/** Largest number of rows written in one transaction (a 5,000-node relist takes 10). */
export const WRITE_CHUNK = 500;

type ChangeType = NodeChangedEvent['type'];

/** One significant change with its assigned per-cluster seq. */
export interface NodeChangeRecord {
  seq: number;
  type: ChangeType;
  node: NodeSummary;
}

/** Where committed changes go after the database: this replica's cache, then the sockets. */
export interface ChangeConsumers {
  applyChange(cluster: string, seq: number, type: ChangeType, node: NodeSummary): void;
  publishNodeChanged(event: NodeChangedEvent): void;
}

/**
 * The leader's side of one cluster's node state: compares each seen node with the summary last
 * written, and for significant changes (and additions/deletions) writes the row with the next
 * per-cluster seq (fenced by the lease), then updates the cache, then publishes `node:changed`.
 * A full list reconciles: stored nodes missing from it become tombstones.
 */
export class ClusterNodeSync implements NodeSink {
  private stored = new Map<string, NodeSummary>();
  private seq = 0;

  constructor(
    private readonly cluster: string,
    private readonly lease: Pick<LeaseHandle, 'guard'>,
    private readonly repository: Pick<InformerRepository, 'loadStored' | 'writeChanges'>,
    private readonly consumers: ChangeConsumers,
    private readonly now: () => number,
  ) {}

  /** Loads the last written summaries; seq continues from the table's max(seq). */
  async init(): Promise<void> {
    const { nodes, maxSeq } = await this.repository.loadStored(this.cluster);
    this.stored = nodes;
    this.seq = maxSeq;
  }

  /** Highest seq written. */
  get lastSeq(): number {
    return this.seq;
  }

  async replaceAll(nodes: NodeSummary[]): Promise<void> {
    const seen = new Set(nodes.map((n) => n.name));
    const events: NodeWatchEvent[] = nodes.map((node) => ({ type: 'MODIFIED', node }));
    for (const [name, node] of this.stored) if (!seen.has(name)) events.push({ type: 'DELETED', node });
    await this.applyEvents(events);
  }

  async applyEvents(events: NodeWatchEvent[]): Promise<void> {
    const records = this.plan(events);
    for (let i = 0; i < records.length; i += WRITE_CHUNK) await this.commit(records.slice(i, i + WRITE_CHUNK));
  }

  /** Assigns seqs to the significant changes, in order, against the stored state overlaid by earlier events of the batch. */
  private plan(events: NodeWatchEvent[]): NodeChangeRecord[] {
    const view = new Map<string, NodeSummary | null>();
    const current = (name: string) => (view.has(name) ? view.get(name) : this.stored.get(name)) ?? null;
    const records: NodeChangeRecord[] = [];
    let seq = this.seq;
    for (const { type, node } of events) {
      const previous = current(node.name);
      let change: ChangeType | null = null;
      if (type === 'DELETED') change = previous ? 'deleted' : null;
      else if (!previous) change = 'added';
      else if (significantChanges(previous, node).length) change = 'modified';
      if (!change) continue;
      const after = change === 'deleted' ? previous! : node;
      records.push({ seq: ++seq, type: change, node: after });
      view.set(node.name, change === 'deleted' ? null : node);
    }
    return records;
  }

  private async commit(records: NodeChangeRecord[]): Promise<void> {
    const rows: NodeRowChange[] = records.map((r) => ({ seq: r.seq, deleted: r.type === 'deleted', node: r.node }));
    await this.repository.writeChanges(this.cluster, rows, new Date(this.now()), (m) => this.lease.guard(m));
    for (const r of records) {
      if (r.type === 'deleted') this.stored.delete(r.node.name);
      else this.stored.set(r.node.name, r.node);
      this.seq = r.seq;
      this.consumers.applyChange(this.cluster, r.seq, r.type, r.node);
      this.consumers.publishNodeChanged({
        cluster: this.cluster,
        seq: r.seq,
        type: r.type,
        name: r.node.name,
        ...(r.type === 'deleted' ? {} : { node: r.node }),
      });
    }
  }
}
