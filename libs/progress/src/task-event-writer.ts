import { Injectable, Logger } from '@nestjs/common';
import { RealtimePublisher } from '@knm/realtime';
import { TaskDb } from './task-db';
import { applyTransition, TaskTransition, TransitionResult } from './task-transition';

interface Queued {
  transition: TaskTransition;
  resolve: (r: TransitionResult) => void;
  reject: (err: unknown) => void;
}

/** Most transitions committed in one transaction. */
const MAX_BATCH = 200;

/**
 * Appends task transitions and their events, then publishes the events.
 *
 * Transitions queued while a commit is in progress are committed together in the next
 * transaction (group commit): each keeps its own seq and is applied with the state it describes,
 * in queue order. Events are published only after their transaction committed, in seq order for
 * this process; a failed transaction publishes nothing and rejects every transition in it.
 */
@Injectable()
export class TaskEventWriter {
  private readonly logger = new Logger('TaskEventWriter');
  private queue: Queued[] = [];
  private flushing = false;

  constructor(
    private readonly db: TaskDb,
    private readonly publisher: RealtimePublisher,
  ) {}

  /** Appends one transition; resolves after commit (and publication). */
  append(transition: TaskTransition): Promise<TransitionResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ transition, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Appends several transitions, applied in order. */
  appendAll(transitions: TaskTransition[]): Promise<TransitionResult[]> {
    return Promise.all(transitions.map((t) => this.append(t)));
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        let results: TransitionResult[];
        try {
          results = await this.db.transaction(async (tx) => {
            const out: TransitionResult[] = [];
            for (const q of batch) out.push(await applyTransition(tx, q.transition));
            return out;
          });
        } catch (err) {
          for (const q of batch) q.reject(err);
          continue;
        }
        results.forEach((r) => this.publish(r));
        batch.forEach((q, i) => q.resolve(results[i]));
      }
    } finally {
      this.flushing = false;
    }
  }

  private publish(result: TransitionResult): void {
    if (!result.applied) return;
    try {
      this.publisher.publishTaskEvent(result.event);
    } catch (err) {
      // Delivery is a hint; subscribers repair from the database (TaskSubscriptions).
      this.logger.warn(`publishing task event failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
