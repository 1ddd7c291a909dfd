import { TERMINAL_TASK_EVENT_TYPES, type TaskEvent } from '@knm/contracts';

/**
 * Puts one task's events in seq order whatever channel and order they arrive in (socket replay,
 * live events, REST pages, overlaps after a resubscribe): an event is applied once, when every
 * lower seq has been. Seqs are contiguous per task from 1 (the progress protocol), so a hole
 * means something is missing and the caller should fetch it (`hasGap`).
 */
export class TaskEventSequencer {
  private last: number;
  private readonly early = new Map<number, TaskEvent>();
  private end: TaskEvent | null = null;

  constructor(
    readonly taskId: string,
    afterSeq = 0,
  ) {
    this.last = afterSeq;
  }

  /** Highest seq applied (the `afterSeq` to resubscribe or poll with). */
  get lastSeq(): number {
    return this.last;
  }

  /** True while an event above a missing seq waits. */
  get hasGap(): boolean {
    return this.early.size > 0;
  }

  /** The terminal event, once applied. */
  get terminal(): TaskEvent | null {
    return this.end;
  }

  /** Takes one event; returns the events that became applicable, in seq order (empty for duplicates, other tasks, and events after a hole). */
  accept(event: TaskEvent): TaskEvent[] {
    if (event.taskId !== this.taskId || event.seq <= this.last || this.end) return [];
    this.early.set(event.seq, event);
    const ready: TaskEvent[] = [];
    for (let next = this.early.get(this.last + 1); next && !this.end; next = this.early.get(this.last + 1)) {
      this.early.delete(next.seq);
      this.last = next.seq;
      ready.push(next);
      if (TERMINAL_TASK_EVENT_TYPES.includes(next.type)) {
        this.end = next;
        this.early.clear();
      }
    }
    return ready;
  }
}
