import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A named lease (e.g. `informer:<cluster>`). Acquire/renew/release are single guarded UPDATE
 * statements judged by the database clock (libs/leader); `token` is the fencing token.
 */
@Entity('leases')
export class LeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 253 })
  name!: string;

  @Column({ type: 'varchar', length: 253, nullable: true })
  holder!: string | null;

  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  token!: number;

  @Column({ name: 'acquired_at', type: 'datetime', nullable: true })
  acquiredAt!: Date | null;

  @Column({ name: 'renewed_at', type: 'datetime', nullable: true })
  renewedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt!: Date | null;
}
