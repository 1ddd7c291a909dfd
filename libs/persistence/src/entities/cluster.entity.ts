import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered cluster. `kubeconfigEnc` is AES-256-GCM ciphertext (see libs/cluster KubeconfigCipher). */
@Entity('clusters')
export class ClusterEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'varchar', length: 2048 })
  server!: string;

  @Column({ type: 'varchar', length: 253 })
  context!: string;

  @Column({ name: 'kubeconfig_enc', type: 'text' })
  kubeconfigEnc!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'status_message', type: 'text', nullable: true })
  statusMessage!: string | null;

  @Column({ name: 'kubernetes_version', type: 'varchar', length: 64, nullable: true })
  kubernetesVersion!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 253 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
