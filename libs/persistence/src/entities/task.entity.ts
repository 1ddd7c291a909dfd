import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TaskKind, TaskStatus } from '@knm/contracts';

const int = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** A batch task. `lastSeq` is the seq of its newest event, incremented in the transaction that appends it. */
@Entity('tasks')
@Index('idx_tasks_created', ['createdAt'])
@Index('idx_tasks_status', ['status'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 63 })
  cluster!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: TaskKind;

  @Column({ type: 'simple-json' })
  params!: unknown;

  @Column({ type: 'text', nullable: true })
  selector!: string | null;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: TaskStatus;

  @Column({ type: 'integer' })
  concurrency!: number;

  @Column({ type: 'integer', default: 0 })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  succeeded!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  @Column({ type: 'integer', default: 0 })
  skipped!: number;

  @Column({ type: 'integer', default: 0 })
  cancelled!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 253 })
  createdBy!: string;

  @Column({ name: 'retry_of', type: 'varchar', length: 36, nullable: true })
  retryOf!: string | null;

  /** Replica that executes the task; null when not running. */
  @Column({ type: 'varchar', length: 253, nullable: true })
  owner!: string | null;

  @Column({ name: 'heartbeat_at', type: 'datetime', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'last_seq', type: 'integer', default: 0, transformer: int })
  lastSeq!: number;

  @Column({ name: 'cancel_requested_at', type: 'datetime', nullable: true })
  cancelRequestedAt!: Date | null;

  @Column({ name: 'deadline_at', type: 'datetime', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'datetime', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt!: Date | null;
}
