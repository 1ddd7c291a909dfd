import type { NodeResultStatus, TaskCounts, TaskEvent, TaskEventType, TaskStatus } from '@knm/contracts';
import { dbDate, SqlRow, SqlTx } from './task-db';

export type CounterName = 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
const COUNTERS: readonly CounterName[] = ['running', 'succeeded', 'failed', 'skipped', 'cancelled'];

/**
 * One state change of a task (and at most one of its nodes) plus the event describing it.
 * Applied in one transaction: the task row's `last_seq` is incremented under its row lock, the
 * state is changed and the event row with that seq is inserted. Nothing is written when a guard
 * fails.
 */
export interface TaskTransition {
  taskId: string;
  type: TaskEventType;
  at: Date;
  guard?: {
    /** Applies only while this replica owns the task (fencing after a takeover). */
    owner?: string;
    /** Applies only while no cancel was requested (a node never starts after a cancel). */
    notCancelled?: boolean;
    /** Applies only in these task statuses. */
    statusIn?: TaskStatus[];
  };
  /** Counter deltas on the task row. */
  counters?: Partial<Record<CounterName, number>>;
  task?: { status?: TaskStatus; startedAt?: Date; finishedAt?: Date; cancelRequestedAt?: Date };
  node?: {
    name: string;
    status: NodeResultStatus;
    attempts?: number;
    error?: string | null;
    before?: unknown;
    after?: unknown;
    startedAt?: Date;
    finishedAt?: Date;
  };
  /** Puts nodes left `running` by a dead owner back to `pending` (resume after takeover). */
  resetRunningNodes?: boolean;
  /** Deletes the task's node claims (every end state). */
  releaseClaims?: boolean;
  event?: Pick<TaskEvent, 'attempt' | 'reason' | 'change'>;
}

export type TransitionResult = { applied: true; event: TaskEvent } | { applied: false };

/** Counts from a tasks row (pending is derived). */
export function countsOf(row: SqlRow): TaskCounts {
  const n = (k: string) => Number(row[k] ?? 0);
  const counts = {
    total: n('total'),
    running: n('running'),
    succeeded: n('succeeded'),
    failed: n('failed'),
    skipped: n('skipped'),
    cancelled: n('cancelled'),
  };
  const pending = counts.total - counts.running - counts.succeeded - counts.failed - counts.skipped - counts.cancelled;
  return { ...counts, pending };
}

const RETURNING = 'RETURNING last_seq, status, total, running, succeeded, failed, skipped, cancelled';

function taskUpdate(tx: SqlTx, t: TaskTransition): { sql: string; params: unknown[] } {
  const sets = ['last_seq = last_seq + 1'];
  const params: unknown[] = [];
  for (const c of COUNTERS) {
    const delta = t.counters?.[c] ?? 0;
    if (delta !== 0) {
      sets.push(`${c} = ${c} + ?`);
      params.push(delta);
    }
  }
  if (t.resetRunningNodes) {
    sets.push("running = running - (SELECT COUNT(*) FROM task_nodes WHERE task_id = ? AND status = 'running')");
    params.push(t.taskId);
  }
  const cols: [string, unknown][] = [
    ['status', t.task?.status],
    ['started_at', t.task?.startedAt && dbDate(tx.dialect, t.task.startedAt)],
    ['finished_at', t.task?.finishedAt && dbDate(tx.dialect, t.task.finishedAt)],
    ['cancel_requested_at', t.task?.cancelRequestedAt && dbDate(tx.dialect, t.task.cancelRequestedAt)],
  ];
  for (const [col, v] of cols) {
    if (v !== undefined) {
      sets.push(`${col} = ?`);
      params.push(v);
    }
  }
  const where = ['id = ?'];
  params.push(t.taskId);
  if (t.guard?.owner !== undefined) {
    where.push('owner = ?');
    params.push(t.guard.owner);
  }
  if (t.guard?.notCancelled) where.push('cancel_requested_at IS NULL');
  if (t.guard?.statusIn) {
    where.push(`status IN (${t.guard.statusIn.map(() => '?').join(', ')})`);
    params.push(...t.guard.statusIn);
  }
  return { sql: `UPDATE tasks SET ${sets.join(', ')} WHERE ${where.join(' AND ')} ${RETURNING}`, params };
}

async function updateNode(tx: SqlTx, t: TaskTransition): Promise<void> {
  const n = t.node!;
  const cols: [string, unknown][] = [
    ['status', n.status],
    ['attempts', n.attempts],
    ['error', n.error],
    ['"before"', n.before === undefined ? undefined : JSON.stringify(n.before)],
    ['"after"', n.after === undefined ? undefined : JSON.stringify(n.after)],
    ['started_at', n.startedAt && dbDate(tx.dialect, n.startedAt)],
    ['finished_at', n.finishedAt && dbDate(tx.dialect, n.finishedAt)],
  ];
  const set = cols.filter(([, v]) => v !== undefined);
  await tx.query(`UPDATE task_nodes SET ${set.map(([c]) => `${c} = ?`).join(', ')} WHERE task_id = ? AND node = ?`, [
    ...set.map(([, v]) => v),
    t.taskId,
    n.name,
  ]);
}

/**
 * Applies one transition inside `tx` (see {@link TaskTransition}). Returns the persisted event
 * (with the counts after the transition) or `{applied: false}` when a guard failed.
 */
export async function applyTransition(tx: SqlTx, t: TaskTransition): Promise<TransitionResult> {
  const { sql, params } = taskUpdate(tx, t);
  const rows = await tx.query(sql, params);
  if (rows.length === 0) return { applied: false };
  const row = rows[0];
  if (t.resetRunningNodes) {
    await tx.query("UPDATE task_nodes SET status = 'pending' WHERE task_id = ? AND status = 'running'", [t.taskId]);
  }
  if (t.node) await updateNode(tx, t);
  // The variant's fields (node, attempt, reason, change) come with its type from TaskRecorder,
  // which pairs each event type with what that variant of TaskEvent carries.
  const event = {
    taskId: t.taskId,
    seq: Number(row.last_seq),
    type: t.type,
    at: t.at.toISOString(),
    ...(t.node ? { node: t.node.name } : {}),
    ...t.event,
    counts: countsOf(row),
    status: row.status as TaskStatus,
  } as TaskEvent;
  await tx.query('INSERT INTO task_events (task_id, seq, type, payload, at) VALUES (?, ?, ?, ?, ?)', [
    t.taskId,
    event.seq,
    event.type,
    JSON.stringify(event),
    dbDate(tx.dialect, t.at),
  ]);
  if (t.releaseClaims) await tx.query('DELETE FROM node_claims WHERE task_id = ?', [t.taskId]);
  return { applied: true, event };
}
