import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NodeSummary } from '@knm/contracts';
import { ClusterNodeEntity } from '@knm/persistence';

/** One summary row to write: the node after the change (for a deletion, the last summary known). */
export interface NodeRowChange {
  seq: number;
  deleted: boolean;
  node: NodeSummary;
}

/** What the table says about a cluster when a replica starts leading it. */
export interface StoredNodes {
  /** Live (non-deleted) summaries by node name. */
  nodes: Map<string, NodeSummary>;
  /** Highest seq in the table, tombstones included (0 when empty). */
  maxSeq: number;
}

/** Writes of the `cluster_nodes` summary rows, each transaction fenced by the lease guard. */
@Injectable()
export class InformerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadStored(cluster: string): Promise<StoredNodes> {
    const rows = await this.dataSource.getRepository(ClusterNodeEntity).find({ where: { cluster } });
    const nodes = new Map<string, NodeSummary>();
    let maxSeq = 0;
    for (const row of rows) {
      if (!row.deleted) nodes.set(row.name, row.summary);
      maxSeq = Math.max(maxSeq, row.seq);
    }
    return { nodes, maxSeq };
  }

  /**
   * Upserts the rows in one transaction that first calls `guard(manager)` (the lease fence:
   * it throws LeaseLostError when this replica no longer holds the cluster's lease).
   */
  async writeChanges(cluster: string, changes: NodeRowChange[], at: Date, guard: (m: EntityManager) => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await guard(manager);
      // Several changes of one node in a batch: the last one is the row's state.
      const latest = new Map(changes.map((c) => [c.node.name, c]));
      const rows = [...latest.values()].map((c) => ({
        cluster,
        name: c.node.name,
        summary: c.node,
        resourceVersion: c.node.resourceVersion.slice(0, 64),
        seq: c.seq,
        deleted: c.deleted,
        updatedAt: at,
      }));
      await manager.upsert(ClusterNodeEntity, rows, { conflictPaths: ['cluster', 'name'], skipUpdateIfNoValuesChanged: false });
    });
  }
}
