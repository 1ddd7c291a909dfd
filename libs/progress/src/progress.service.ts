import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  TASK_EVENTS_MAX_LIMIT,
  TaskEvent,
  TaskEventsResponse,
  TaskListQuery,
  TaskListResponse,
  TaskResponse,
  TERMINAL_TASK_STATUSES,
  TaskStatus,
} from '@knm/contracts';
import { Clock, DomainError } from '@knm/common';
import { RealtimePublisher, TaskEventReplay, TaskEventSource } from '@knm/realtime';
import { fromDbDate, TaskDb } from './task-db';
import { TaskEventWriter } from './task-event-writer';
import { toNodeResult, toTaskEvent, toTaskResponse } from './task-mapper';
import { TaskRecorder } from './task-recorder';
import { NewTaskRecord, NodeClaim, TaskRepository } from './task.repository';
import { applyTransition } from './task-transition';

/** A task as its executor needs it. */
export interface ExecutableTask {
  task: TaskResponse;
  deadlineAt: Date | null;
  cancelRequested: boolean;
  /** Nodes still pending or running, in execution order. */
  remainingNodes: string[];
}

function nodeClaimed(claims: NodeClaim[]): DomainError {
  const first = claims[0];
  return new DomainError(
    ErrorCode.NodeClaimed,
    `node ${first.node} is the target of running task ${first.taskId}` + (claims.length > 1 ? ` (and ${claims.length - 1} more claimed nodes)` : ''),
    { taskId: first.taskId, claims: claims.slice(0, 100) },
  );
}

const taskNotFound = (id: string) => new DomainError(ErrorCode.TaskNotFound, `task ${id} not found`, { taskId: id });

/**
 * Tasks, per-node results and sequenced task events (ARCHITECTURE.md section 3).
 * Every event is persisted with a per-task contiguous seq in the transaction of the state it
 * describes and published afterwards; it is also the {@link TaskEventSource} for socket replay.
 */
@Injectable()
export class ProgressService implements TaskEventSource, OnModuleInit {
  constructor(
    private readonly db: TaskDb,
    private readonly repo: TaskRepository,
    private readonly writer: TaskEventWriter,
    private readonly publisher: RealtimePublisher,
    private readonly replay: TaskEventReplay,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.replay.register(this);
  }

  /**
   * Persists a new task (status pending, owned by `record.owner`), its pending node rows, its
   * `task:created` event (seq 1) and, when `claimNodes`, a claim on every target node, all in one
   * transaction. Throws DomainError NODE_CLAIMED naming the task holding a claim.
   */
  async createTask(record: NewTaskRecord, claimNodes: boolean): Promise<TaskResponse> {
    let event: TaskEvent;
    try {
      event = await this.db.transaction(async (tx) => {
        if (claimNodes) {
          const held = await this.repo.findClaims(tx, record.cluster, record.nodes);
          if (held.length > 0) throw nodeClaimed(held);
          await this.repo.insertClaims(tx, record.cluster, record.nodes, record.id, record.createdAt);
        }
        await this.repo.insertTask(tx, record);
        const result = await applyTransition(tx, { taskId: record.id, type: 'task:created', at: record.createdAt });
        if (!result.applied) throw new Error(`task ${record.id} vanished while being created`);
        return result.event;
      });
    } catch (err) {
      if (err instanceof DomainError || !claimNodes) throw err;
      // A concurrent claim made the primary key fail: report who holds it.
      const held = await this.db.read((q) => this.repo.findClaims(q, record.cluster, record.nodes));
      throw held.length > 0 ? nodeClaimed(held) : err;
    }
    this.publisher.publishTaskEvent(event);
    return this.getTask(record.id, false);
  }

  /** A recorder for the executing replica `owner`. */
  recorder(taskId: string, owner: string): TaskRecorder {
    return new TaskRecorder(this.writer, this.clock, taskId, owner);
  }

  /**
   * Persists a cancel request (`task:cancel-requested`); idempotent while the task is active.
   * Throws TASK_NOT_FOUND, or TASK_NOT_CANCELLABLE when the task has ended.
   */
  async requestCancel(taskId: string): Promise<TaskResponse> {
    const at = new Date(this.clock.now());
    await this.writer.append({
      taskId,
      type: 'task:cancel-requested',
      at,
      guard: { statusIn: ['pending', 'running'], notCancelled: true },
      task: { cancelRequestedAt: at },
    });
    const task = await this.getTask(taskId, false);
    if (TERMINAL_TASK_STATUSES.includes(task.status)) {
      throw new DomainError(ErrorCode.TaskNotCancellable, `task ${taskId} has already ended (${task.status})`, { taskId, status: task.status });
    }
    return task;
  }

  /** The task, with its node results unless `withNodes` is false. Throws TASK_NOT_FOUND. */
  async getTask(taskId: string, withNodes = true): Promise<TaskResponse> {
    const row = await this.repo.findTask(taskId);
    if (!row) throw taskNotFound(taskId);
    const task = toTaskResponse(row);
    if (withNodes) task.nodes = (await this.repo.findNodes(taskId)).map(toNodeResult);
    return task;
  }

  /** What an executor needs to run or resume a task. Throws TASK_NOT_FOUND. */
  async loadForExecution(taskId: string): Promise<ExecutableTask> {
    const row = await this.repo.findTask(taskId);
    if (!row) throw taskNotFound(taskId);
    const remaining = await this.repo.findNodes(taskId, ['pending', 'running']);
    return {
      task: toTaskResponse(row),
      deadlineAt: fromDbDate(row.deadline_at),
      cancelRequested: row.cancel_requested_at !== null && row.cancel_requested_at !== undefined,
      remainingNodes: remaining.map((r) => String(r.node)),
    };
  }

  /** Tasks matching `query` (already validated), newest first. */
  async listTasks(query: TaskListQuery & { page: number; limit: number }): Promise<TaskListResponse> {
    const { rows, total } = await this.repo.listTasks(query);
    return { items: rows.map(toTaskResponse), total, page: query.page, limit: query.limit };
  }

  /** Persisted events with seq > afterSeq (at most `limit`), the task's last seq and whether it ended. Throws TASK_NOT_FOUND. */
  async getEvents(taskId: string, afterSeq: number, limit: number): Promise<TaskEventsResponse> {
    const row = await this.repo.findTask(taskId);
    if (!row) throw taskNotFound(taskId);
    const items = (await this.repo.findEvents(taskId, afterSeq, Math.min(limit, TASK_EVENTS_MAX_LIMIT))).map(toTaskEvent);
    const status = row.status as TaskStatus;
    return { items, lastSeq: Number(row.last_seq), terminal: TERMINAL_TASK_STATUSES.includes(status) };
  }

  /** {@link TaskEventSource} for socket replay: null for an unknown task. */
  async eventsAfter(taskId: string, afterSeq: number, limit: number): Promise<TaskEvent[] | null> {
    const rows = await this.repo.findEvents(taskId, afterSeq, Math.min(limit, TASK_EVENTS_MAX_LIMIT));
    if (rows.length > 0) return rows.map(toTaskEvent);
    return (await this.repo.findTask(taskId)) ? [] : null;
  }
}
