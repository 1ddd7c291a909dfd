import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NodeSummary } from '@knm/contracts';

/**
 * The compact summary of one node, written by the informer that holds the cluster's lease.
 * `seq` is the per-cluster change sequence at the last significant change; deleted nodes stay
 * as tombstones (`deleted = true`) so followers catching up by `seq` see the deletion.
 */
@Entity('cluster_nodes')
@Index('idx_cluster_nodes_seq', ['cluster', 'seq'])
export class ClusterNodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  cluster!: string;

  @PrimaryColumn({ type: 'varchar', length: 253 })
  name!: string;

  @Column({ type: 'simple-json' })
  summary!: NodeSummary;

  @Column({ name: 'resource_version', type: 'varchar', length: 64 })
  resourceVersion!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  seq!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
