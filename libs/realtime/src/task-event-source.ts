import { Injectable } from '@nestjs/common';
import type { TaskEvent } from '@knm/contracts';

/**
 * Where the gateway reads persisted task events for replay. Implemented by the progress library,
 * which registers itself with {@link TaskEventReplay} at start-up (progress depends on realtime,
 * never the other way round).
 */
export interface TaskEventSource {
  /**
   * Persisted events of `taskId` with `seq > afterSeq`, ascending by seq, at most `limit`
   * (the source may cap it). Returns `null` when the task does not exist.
   */
  eventsAfter(taskId: string, afterSeq: number, limit: number): Promise<TaskEvent[] | null>;
}

/**
 * Holder of the registered {@link TaskEventSource}. Throws `Error` from {@link eventsAfter} when no
 * source was registered (a wiring bug, never an input error).
 */
@Injectable()
export class TaskEventReplay {
  private source: TaskEventSource | null = null;

  /** Registers the one source; called once by the progress library. */
  register(source: TaskEventSource): void {
    this.source = source;
  }

  eventsAfter(taskId: string, afterSeq: number, limit: number): Promise<TaskEvent[] | null> {
    if (!this.source) throw new Error('no TaskEventSource registered (is ProgressModule imported?)');
    return this.source.eventsAfter(taskId, afterSeq, limit);
  }
}
