import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskEventType } from '@knm/contracts';

/** A persisted task event; (taskId, seq) is the primary key, seq contiguous per task from 1. */
@Entity('task_events')
export class TaskEventEntity {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 36 })
  taskId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: TaskEventType;

  /** The full TaskEvent as sent to clients (libs/contracts TaskEvent). */
  @Column({ type: 'simple-json' })
  payload!: unknown;

  @Column({ type: 'datetime' })
  at!: Date;
}
