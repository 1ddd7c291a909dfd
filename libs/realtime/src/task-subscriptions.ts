import { Logger } from '@nestjs/common';
import type { TaskEvent } from '@knm/contracts';
import { TaskEventReplay } from './task-event-source';

/** One receiver of task events (a socket in production, a recorder in tests). */
export interface TaskEventSink {
  readonly id: string;
  emit(event: TaskEvent): void;
}

interface Subscription {
  readonly sink: TaskEventSink;
  readonly taskId: string;
  /** Highest seq delivered to this sink. */
  high: number;
  /** True while events are read from the database; live events wait in `buffer`. */
  busy: boolean;
  buffer: TaskEvent[];
  closed: boolean;
}

/** Page size of one replay read. */
export const REPLAY_PAGE = 500;

/**
 * Per-subscriber delivery of task events in seq order, each seq at most once.
 *
 * A subscription is registered before the persisted events are read (so nothing published in
 * between is lost); live events that arrive while the database is read wait in a buffer. A live
 * event that skips a seq (a notification lost or reordered across replicas) triggers a read of
 * the missing events from the database: persisted, sequenced events are the truth, delivery is
 * only a hint (ARCHITECTURE.md section 3, TECH-NOTES 6).
 */
export class TaskSubscriptions {
  private readonly logger = new Logger('TaskSubscriptions');
  private readonly byTask = new Map<string, Map<string, Subscription>>();

  constructor(private readonly replay: TaskEventReplay) {}

  /**
   * Subscribes `sink` to `taskId` and sends every persisted event with `seq > afterSeq`, then
   * live events. Resolves `false` (and keeps no subscription) when the task does not exist.
   * A second subscribe of the same sink to the same task restarts from the new `afterSeq`.
   */
  async subscribe(sink: TaskEventSink, taskId: string, afterSeq: number): Promise<boolean> {
    this.unsubscribe(sink.id, taskId);
    const sub: Subscription = { sink, taskId, high: afterSeq, busy: true, buffer: [], closed: false };
    let subs = this.byTask.get(taskId);
    if (!subs) this.byTask.set(taskId, (subs = new Map()));
    subs.set(sink.id, sub);
    const exists = await this.catchUp(sub);
    if (!exists) this.unsubscribe(sink.id, taskId);
    return exists;
  }

  /** Ends one subscription; unknown ones are ignored. */
  unsubscribe(sinkId: string, taskId: string): void {
    const subs = this.byTask.get(taskId);
    const sub = subs?.get(sinkId);
    if (!sub || !subs) return;
    sub.closed = true;
    subs.delete(sinkId);
    if (subs.size === 0) this.byTask.delete(taskId);
  }

  /** Ends every subscription of a sink (socket disconnected). */
  removeSink(sinkId: string): void {
    for (const taskId of [...this.byTask.keys()]) this.unsubscribe(sinkId, taskId);
  }

  /** Number of subscriptions to a task on this process. */
  subscriberCount(taskId: string): number {
    return this.byTask.get(taskId)?.size ?? 0;
  }

  /** Delivers a live event (from this process or another replica) to this process's subscribers. */
  deliver(event: TaskEvent): void {
    const subs = this.byTask.get(event.taskId);
    if (!subs) return;
    for (const sub of subs.values()) {
      if (sub.busy) {
        sub.buffer.push(event);
      } else if (event.seq === sub.high + 1) {
        this.send(sub, event);
      } else if (event.seq > sub.high + 1) {
        sub.busy = true;
        sub.buffer.push(event);
        this.catchUp(sub).catch(() => undefined); // logged in catchUp; the next event retries
      }
    }
  }

  private send(sub: Subscription, event: TaskEvent): void {
    sub.high = event.seq;
    sub.sink.emit(event);
  }

  /** Reads from the database until the buffer continues the delivered sequence. False = no such task. */
  private async catchUp(sub: Subscription): Promise<boolean> {
    try {
      for (;;) {
        const events = await this.replay.eventsAfter(sub.taskId, sub.high, REPLAY_PAGE);
        if (events === null) return false;
        if (sub.closed) return true;
        for (const e of events) if (e.seq === sub.high + 1) this.send(sub, e);
        if (events.length >= REPLAY_PAGE) continue;
        if (this.drainBuffer(sub)) return true;
      }
    } catch (err) {
      this.logger.warn(`replay of task ${sub.taskId} failed: ${err instanceof Error ? err.message : String(err)}`);
      sub.buffer = [];
      sub.busy = false;
      throw err;
    }
  }

  /** Sends buffered events that continue the sequence; true when the buffer is used up without a gap. */
  private drainBuffer(sub: Subscription): boolean {
    sub.buffer.sort((a, b) => a.seq - b.seq);
    while (sub.buffer.length > 0) {
      const next = sub.buffer[0];
      if (next.seq <= sub.high) sub.buffer.shift();
      else if (next.seq === sub.high + 1) this.send(sub, sub.buffer.shift()!);
      else return false;
    }
    sub.busy = false;
    return true;
  }
}
