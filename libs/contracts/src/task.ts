import type { Permission } from './permissions';
import type { CordonParams, LabelParams, TaintParams, UncordonParams } from './schemas/task-params.schema';

/*
 * Conventions of every task shape: timestamps (`at`, `createdAt`, ...) are RFC 3339 instants in
 * UTC with milliseconds (`2026-11-21T10:00:00.000Z`, Date.prototype.toISOString); page numbers
 * are 1-based; `seq` starts at 1.
 */

/** Kinds of batch task. A new kind is added here, to TASK_KIND_PERMISSION, to TASK_PARAMS_SCHEMAS and to the batch operations registry. */
export const TASK_KINDS = ['label', 'taint', 'cordon', 'uncordon'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * The permission a task of each kind needs on its cluster (libs/contracts permissions). Kinds to
 * come: drain -> nodes:drain, label-template -> nodes:label, taint-template and copy-taints ->
 * nodes:taint.
 */
export const TASK_KIND_PERMISSION: Readonly<Record<TaskKind, Permission>> = {
  label: 'nodes:label',
  taint: 'nodes:taint',
  cordon: 'nodes:cordon',
  uncordon: 'nodes:cordon',
};

export const TASK_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL_TASK_STATUSES: readonly TaskStatus[] = ['succeeded', 'failed', 'cancelled'];

export type NodeResultStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** Longest cordon reason, characters (recorded in the knm.io/cordon-reason annotation). */
export const CORDON_REASON_MAX_LENGTH = 1024;

/** Params of each task kind (shapes of the zod schemas in ./schemas/task-params.schema). */
export interface TaskParamsByKind {
  label: LabelParams;
  taint: TaintParams;
  cordon: CordonParams;
  uncordon: UncordonParams;
}

/**
 * `POST /clusters/:cluster/tasks` (validated by `createTaskRequestSchema`). Exactly one of
 * `nodes` or `selector` names the targets.
 */
export interface CreateTaskRequest<K extends TaskKind = TaskKind> {
  kind: K;
  params: TaskParamsByKind[K];
  /** Node names (DNS-1123 subdomains), 1..TASK_MAX_NODES, unique. */
  nodes?: string[];
  /** Label selector in kubectl syntax. */
  selector?: string;
  /** Parallel node operations (default KNM_TASK_CONCURRENCY, at most KNM_CLUSTER_MAX_CONCURRENCY). */
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

/** A task as the API returns it; `params` has the shape of its `kind`. */
export type TaskResponse = { [K in TaskKind]: TaskResponseOf<K> }[TaskKind];

/** A task of one kind. Timestamps are RFC 3339 UTC. */
export interface TaskResponseOf<K extends TaskKind> {
  id: string;
  cluster: string;
  kind: K;
  params: TaskParamsByKind[K];
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
  /** RFC 3339 UTC. */
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

/** What one node had before and after a task touched it (kind-specific fields). */
export interface NodeChangeRecord {
  before: unknown;
  after: unknown;
}

/** Fields of every task event. `seq` is contiguous per task from 1; `at` is RFC 3339 UTC. */
interface TaskEventBase {
  taskId: string;
  seq: number;
  at: string;
  /** The task's counts after the transition the event describes. */
  counts: TaskCounts;
  status: TaskStatus;
}

/** Marks fields a variant never has, so code can read them from any TaskEvent (`event.node` is undefined there). */
type Absent<K extends 'node' | 'attempt' | 'reason' | 'change'> = { [P in K]?: never };

export interface TaskCreatedEvent extends TaskEventBase, Absent<'node' | 'attempt' | 'reason' | 'change'> {
  type: 'task:created';
}
export interface TaskStartedEvent extends TaskEventBase, Absent<'node' | 'attempt' | 'change'> {
  type: 'task:started';
  /** Set when another replica resumed the task (`resumed by <replica>: ...`). */
  reason?: string;
}
export interface TaskCancelRequestedEvent extends TaskEventBase, Absent<'node' | 'attempt' | 'reason' | 'change'> {
  type: 'task:cancel-requested';
}
export interface TaskEndedEvent extends TaskEventBase, Absent<'node' | 'attempt' | 'change'> {
  type: 'task:succeeded' | 'task:failed' | 'task:cancelled';
  /** Why the task failed or was cancelled, when known (e.g. its deadline passed). */
  reason?: string;
}
export interface NodeStartedEvent extends TaskEventBase, Absent<'reason' | 'change'> {
  type: 'node:started';
  node: string;
  /** Always 1. */
  attempt: number;
}
export interface NodeRetryingEvent extends TaskEventBase, Absent<'change'> {
  type: 'node:retrying';
  node: string;
  /** The attempt about to be made (>= 2). */
  attempt: number;
  /** Why the previous attempt failed. */
  reason: string;
}
export interface NodeSucceededEvent extends TaskEventBase, Absent<'reason'> {
  type: 'node:succeeded';
  node: string;
  attempt: number;
  change: NodeChangeRecord;
}
export interface NodeFailedEvent extends TaskEventBase, Absent<'change'> {
  type: 'node:failed' | 'node:skipped';
  node: string;
  attempt: number;
  /** Failure reason (failed) or skip reason (skipped). */
  reason: string;
}
export interface NodeCancelledEvent extends TaskEventBase, Absent<'attempt' | 'change'> {
  type: 'node:cancelled';
  node: string;
  reason: string;
}

/** One persisted task event, a discriminated union on `type`. */
export type TaskEvent =
  | TaskCreatedEvent
  | TaskStartedEvent
  | TaskCancelRequestedEvent
  | TaskEndedEvent
  | NodeStartedEvent
  | NodeRetryingEvent
  | NodeSucceededEvent
  | NodeFailedEvent
  | NodeCancelledEvent;

export interface TaskEventsResponse {
  items: TaskEvent[];
  lastSeq: number;
  terminal: boolean;
}

export interface TaskListResponse {
  items: TaskResponse[];
  total: number;
  /** 1-based page number of this answer. */
  page: number;
  limit: number;
}

export const TASK_MAX_NODES = 10000;
export const TASK_DEFAULT_CONCURRENCY = 10;
