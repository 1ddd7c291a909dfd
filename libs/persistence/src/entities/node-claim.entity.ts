import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A node claimed by a running mutating task. The primary key makes a claim atomic across
 * replicas: a second task inserting the same (cluster, node) fails and gets 409 naming `taskId`.
 */
@Entity('node_claims')
export class NodeClaimEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  cluster!: string;

  @PrimaryColumn({ type: 'varchar', length: 253 })
  node!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 36 })
  taskId!: string;

  @Column({ name: 'claimed_at', type: 'datetime' })
  claimedAt!: Date;
}
