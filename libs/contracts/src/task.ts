import type { Taint, TaintEffect } from './node';

/** Kinds of batch task. New kinds are added to the batch operations registry and here. */
export const TASK_KINDS = ['label', 'taint', 'cordon', 'uncordon'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export type TaskStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL_TASK_STATUSES: readonly TaskStatus[] = ['succeeded', 'failed', 'cancelled'];

export type NodeResultStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** `label` params: keys to set (key -> value) and keys to remove. */
export interface LabelParams {
  set?: Record<string, string>;
  remove?: string[];
}

/** `taint` params: taints to add (replacing one with the same key+effect) and to remove (by key, optionally effect). */
export interface TaintParams {
  add?: Taint[];
  remove?: { key: string; effect?: TaintEffect }[];
}

/** Longest cordon reason, characters (recorded in the knm.io/cordon-reason annotation). */
export const CORDON_REASON_MAX_LENGTH = 1024;

export interface CordonParams {
  /** Free text, at most {@link CORDON_REASON_MAX_LENGTH} characters. */
  reason?: string;
}

export type UncordonParams = Record<string, never>;

export interface TaskParamsByKind {
  label: LabelParams;
  taint: TaintParams;
  cordon: CordonParams;
  uncordon: UncordonParams;
}

/**
 * `POST /clusters/:cluster/tasks`. Exactly one of `nodes` or `selector` names the targets.
 */
export interface CreateTaskRequest<K extends TaskKind = TaskKind> {
  kind: K;
  params: TaskParamsByKind[K];
  nodes?: string[];
  selector?: string;
  /** Parallel node operations (default 10, max from config). */
  concurrency?: number;
  dryRun?: boolean;
}

export interface TaskCounts {
  total: number;
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
}

export interface TaskResponse {
  id: string;
  cluster: string;
  kind: TaskKind;
  params: unknown;
  selector: string | null;
  dryRun: boolean;
  status: TaskStatus;
  counts: TaskCounts;
  concurrency: number;
  createdBy: string;
  retryOf: string | null;
  lastSeq: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Present on `GET /tasks/:id`. */
  nodes?: TaskNodeResult[];
}

export interface TaskNodeResult {
  node: string;
  status: NodeResultStatus;
  attempts: number;
  error: string | null;
  /** What the node had before / after for the fields the task touches (kind-specific). */
  before: unknown;
  after: unknown;
  startedAt: string | null;
  finishedAt: string | null;
}

export const TASK_EVENT_TYPES = [
  'task:created',
  'task:started',
  'node:started',
  'node:retrying',
  'node:succeeded',
  'node:failed',
  'node:skipped',
  'node:cancelled',
  'task:cancel-requested',
  'task:succeeded',
  'task:failed',
  'task:cancelled',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];
export const TERMINAL_TASK_EVENT_TYPES: readonly TaskEventType[] = ['task:succeeded', 'task:failed', 'task:cancelled'];

/**
 * One persisted task event. `seq` is contiguous per task, starting at 1.
 * Every event carries the task's counts after the transition it describes.
 */
export interface TaskEvent {
  taskId: string;
  seq: number;
  type: TaskEventType;
  at: string;
  node?: string;
  attempt?: number;
  /** Failure or retry reason, skip reason. */
  reason?: string;
  /** Per-node change (before/after) on node:succeeded. */
  change?: { before: unknown; after: unknown };
  counts: TaskCounts;
  status: TaskStatus;
}

export interface TaskEventsResponse {
  items: TaskEvent[];
  lastSeq: number;
  terminal: boolean;
}

export interface TaskListQuery {
  cluster?: string;
  kind?: TaskKind;
  status?: TaskStatus;
  from?: string;
  to?: string;
  page?: number;
  limit?: number;
}

export interface TaskListResponse {
  items: TaskResponse[];
  total: number;
  page: number;
  limit: number;
}

export const TASK_MAX_NODES = 10000;
export const TASK_DEFAULT_CONCURRENCY = 10;
