import {
  TERMINAL_TASK_EVENT_TYPES,
  type NodeResultStatus,
  type TaskCounts,
  type TaskEvent,
  type TaskEventType,
  type TaskResponse,
  type TaskStatus,
} from '@knm/contracts';

/**
 * Progress of one task, folded from its sequenced events (pure reducer, no I/O).
 *
 * Rules (ARCHITECTURE.md §3): events are applied strictly in `seq` order, each exactly once; an
 * event with `seq` <= the highest applied is a duplicate and dropped; an event beyond a gap waits
 * in `ahead` until the gap is filled (the caller fetches the missing events); the task is final
 * only once a terminal event (`task:succeeded|failed|cancelled`) has been applied — never
 * because counts look complete or a snapshot says so.
 */

export interface NodeProgress {
  node: string;
  status: NodeResultStatus;
  attempts: number;
  /** Failure, retry or skip reason. */
  error: string | null;
  /** What the node had before / after (from `node:succeeded`), null until then. */
  change: { before: unknown; after: unknown } | null;
}

export type ProgressPhase = 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface TaskProgressState {
  taskId: string;
  /** Highest seq applied (0 = none). */
  lastSeq: number;
  counts: TaskCounts;
  /** Task status as the last applied event reported it. */
  status: TaskStatus;
  /** Type of the applied terminal event, or null while the task may still change. */
  terminalType: TaskEventType | null;
  cancelRequested: boolean;
  nodes: readonly NodeProgress[];
  /** Events received beyond a gap, sorted by seq, not applied yet. */
  ahead: readonly TaskEvent[];
}

const ZERO_COUNTS: TaskCounts = { total: 0, pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };

export function initialTaskProgress(taskId: string): TaskProgressState {
  return {
    taskId,
    lastSeq: 0,
    counts: ZERO_COUNTS,
    status: 'pending',
    terminalType: null,
    cancelRequested: false,
    nodes: [],
    ahead: [],
  };
}

/**
 * Adds the task's target nodes (from `GET tasks/:id`) as rows, so every node shows from the start.
 * Rows already known are kept; counts are taken only before any event was applied. The
 * snapshot's status is deliberately ignored: only the terminal event ends a task here.
 */
export function seedFromTask(state: TaskProgressState, task: TaskResponse): TaskProgressState {
  const known = new Set(state.nodes.map((n) => n.node));
  const added = (task.nodes ?? [])
    .filter((n) => !known.has(n.node))
    .map((n) => ({
      node: n.node,
      status: n.status,
      attempts: n.attempts,
      error: n.error,
      change: n.status === 'succeeded' ? { before: n.before, after: n.after } : null,
    }));
  return {
    ...state,
    nodes: added.length ? [...state.nodes, ...added] : state.nodes,
    counts: state.lastSeq === 0 ? task.counts : state.counts,
  };
}

/** Applies one event (see the rules above). Returns the same object when nothing changed. */
export function applyTaskEvent(state: TaskProgressState, event: TaskEvent): TaskProgressState {
  if (event.taskId !== state.taskId || event.seq <= state.lastSeq) return state;
  if (event.seq > state.lastSeq + 1) {
    if (state.ahead.some((e) => e.seq === event.seq)) return state;
    return { ...state, ahead: [...state.ahead, event].sort((a, b) => a.seq - b.seq) };
  }
  let next = reduceInOrder(state, event);
  while (next.ahead.length && next.ahead[0].seq <= next.lastSeq + 1) {
    const [head, ...rest] = next.ahead;
    next = head.seq === next.lastSeq + 1 ? reduceInOrder({ ...next, ahead: rest }, head) : { ...next, ahead: rest };
  }
  return next;
}

export function applyTaskEvents(state: TaskProgressState, events: readonly TaskEvent[]): TaskProgressState {
  return events.reduce(applyTaskEvent, state);
}

/** True while events beyond a gap wait: the caller should fetch events after `lastSeq`. */
export function hasGap(state: TaskProgressState): boolean {
  return state.ahead.length > 0;
}

export function isTerminal(state: TaskProgressState): boolean {
  return state.terminalType !== null;
}

/** What the panel may claim. Success, failure or cancellation only after the terminal event. */
export function phaseOf(state: TaskProgressState): ProgressPhase {
  switch (state.terminalType) {
    case 'task:succeeded':
      return 'succeeded';
    case 'task:failed':
      return 'failed';
    case 'task:cancelled':
      return 'cancelled';
    default:
      return state.lastSeq === 0 ? 'waiting' : 'running';
  }
}

/** Nodes finished in any way (succeeded + failed + skipped + cancelled). */
export function finishedCount(counts: TaskCounts): number {
  return counts.succeeded + counts.failed + counts.skipped + counts.cancelled;
}

/** Share of nodes finished, 0..100 (0 for a task without nodes). */
export function percentDone(counts: TaskCounts): number {
  return counts.total === 0 ? 0 : Math.floor((finishedCount(counts) * 100) / counts.total);
}

const NODE_STATUS_BY_EVENT: Partial<Record<TaskEventType, NodeResultStatus>> = {
  'node:started': 'running',
  'node:retrying': 'running',
  'node:succeeded': 'succeeded',
  'node:failed': 'failed',
  'node:skipped': 'skipped',
  'node:cancelled': 'cancelled',
};

function reduceInOrder(state: TaskProgressState, event: TaskEvent): TaskProgressState {
  const terminal = (TERMINAL_TASK_EVENT_TYPES as readonly string[]).includes(event.type);
  return {
    ...state,
    lastSeq: event.seq,
    counts: event.counts,
    status: event.status,
    terminalType: terminal ? event.type : state.terminalType,
    cancelRequested: state.cancelRequested || event.type === 'task:cancel-requested',
    nodes: event.node ? updateNode(state.nodes, event.node, event) : state.nodes,
  };
}

function updateNode(nodes: readonly NodeProgress[], name: string, event: TaskEvent): readonly NodeProgress[] {
  const status = NODE_STATUS_BY_EVENT[event.type];
  if (!status) return nodes;
  const index = nodes.findIndex((n) => n.node === name);
  const prev: NodeProgress = index >= 0 ? nodes[index] : { node: name, status: 'pending', attempts: 0, error: null, change: null };
  const attempts = event.attempt ?? prev.attempts;
  const error = status === 'succeeded' ? null : (event.reason ?? (status === 'running' ? null : prev.error));
  const change = status === 'succeeded' ? (event.change ?? null) : status === 'running' ? null : prev.change;
  const row: NodeProgress = { node: name, status, attempts, error, change };
  if (index < 0) return [...nodes, row];
  const copy = nodes.slice();
  copy[index] = row;
  return copy;
}
