import type { TaskCounts, TaskStatus } from '@knm/contracts';
import { Clock } from '@knm/common';
import { TaskEventWriter } from './task-event-writer';
import { TaskTransition, TransitionResult } from './task-transition';

/** Before/after of what a node operation touched (kind-specific shapes). */
export interface NodeChange {
  before: unknown;
  after: unknown;
}

/**
 * The executing replica's handle on one task: each method appends one transition and its event
 * (see {@link TaskEventWriter}), guarded by `owner` so a replica that lost the task writes
 * nothing. Methods resolve `true` when the transition was applied; `false` means the task is no
 * longer this replica's (or, for {@link nodeStarted}, a cancel was requested).
 */
export class TaskRecorder {
  /** Counts after the newest (highest seq) transition this recorder applied. */
  lastCounts: TaskCounts | null = null;
  private lastSeq = 0;

  constructor(
    private readonly writer: TaskEventWriter,
    private readonly clock: Clock,
    readonly taskId: string,
    readonly owner: string,
  ) {}

  private async append(t: Omit<TaskTransition, 'taskId' | 'at'>): Promise<boolean> {
    const guard = { owner: this.owner, statusIn: ['pending', 'running'] as TaskStatus[], ...t.guard };
    const result: TransitionResult = await this.writer.append({ ...t, guard, taskId: this.taskId, at: this.now() });
    if (result.applied && result.event.seq > this.lastSeq) {
      this.lastSeq = result.event.seq;
      this.lastCounts = result.event.counts;
    }
    return result.applied;
  }

  private now(): Date {
    return new Date(this.clock.now());
  }

  /** `task:started`: status running. A resumed task puts nodes a dead owner left running back to pending. */
  started(resumed: { reason: string } | null): Promise<boolean> {
    return this.append({
      type: 'task:started',
      task: { status: 'running', ...(resumed ? {} : { startedAt: this.now() }) },
      resetRunningNodes: resumed !== null,
      event: resumed ? { reason: resumed.reason } : undefined,
    });
  }

  /** `node:started` (attempt 1); refused once a cancel was requested. */
  nodeStarted(node: string): Promise<boolean> {
    return this.append({
      type: 'node:started',
      guard: { notCancelled: true },
      counters: { running: 1 },
      node: { name: node, status: 'running', attempts: 1, startedAt: this.now() },
      event: { attempt: 1 },
    });
  }

  /** `node:retrying`: `attempt` is the attempt about to be made, `reason` why the previous one failed. */
  nodeRetrying(node: string, attempt: number, reason: string): Promise<boolean> {
    return this.append({
      type: 'node:retrying',
      node: { name: node, status: 'running', attempts: attempt, error: reason },
      event: { attempt, reason },
    });
  }

  /** `node:succeeded` with the before/after change. */
  nodeSucceeded(node: string, attempts: number, change: NodeChange): Promise<boolean> {
    return this.append({
      type: 'node:succeeded',
      counters: { running: -1, succeeded: 1 },
      node: { name: node, status: 'succeeded', attempts, error: null, ...change, finishedAt: this.now() },
      event: { attempt: attempts, change },
    });
  }

  /** `node:failed` after the last attempt. */
  nodeFailed(node: string, attempts: number, reason: string): Promise<boolean> {
    return this.append({
      type: 'node:failed',
      counters: { running: -1, failed: 1 },
      node: { name: node, status: 'failed', attempts, error: reason, finishedAt: this.now() },
      event: { attempt: attempts, reason },
    });
  }

  /** `node:skipped` (e.g. the node no longer exists). */
  nodeSkipped(node: string, attempts: number, reason: string): Promise<boolean> {
    return this.append({
      type: 'node:skipped',
      counters: { running: -1, skipped: 1 },
      node: { name: node, status: 'skipped', attempts, error: reason, finishedAt: this.now() },
      event: { attempt: attempts, reason },
    });
  }

  /** `node:cancelled`: `wasRunning` for a node that was waiting to retry, false for one never started. */
  nodeCancelled(node: string, reason: string, wasRunning: boolean): Promise<boolean> {
    return this.append({
      type: 'node:cancelled',
      counters: wasRunning ? { running: -1, cancelled: 1 } : { cancelled: 1 },
      node: { name: node, status: 'cancelled', error: reason, finishedAt: this.now() },
      event: { reason },
    });
  }

  /** The terminal event; releases the task's node claims in the same transaction. */
  finished(status: 'succeeded' | 'failed' | 'cancelled', reason?: string): Promise<boolean> {
    return this.append({
      type: `task:${status}`,
      task: { status, finishedAt: this.now() },
      releaseClaims: true,
      event: reason ? { reason } : undefined,
    });
  }
}
