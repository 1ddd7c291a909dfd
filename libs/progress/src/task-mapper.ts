import type { NodeResultStatus, TaskEvent, TaskKind, TaskNodeResult, TaskResponse, TaskStatus } from '@knm/contracts';
import { fromDbDate, SqlRow } from './task-db';
import { countsOf } from './task-transition';

const iso = (v: unknown): string | null => fromDbDate(v)?.toISOString() ?? null;

function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? JSON.parse(v) : v;
}

/** A tasks row -> TaskResponse (without nodes). `params` was stored from a request validated for its kind. */
export function toTaskResponse(row: SqlRow): TaskResponse {
  return {
    id: String(row.id),
    cluster: String(row.cluster),
    kind: row.kind as TaskKind,
    params: parseJson(row.params),
    selector: (row.selector as string | null) ?? null,
    dryRun: row.dry_run === true || row.dry_run === 1 || row.dry_run === '1',
    status: row.status as TaskStatus,
    counts: countsOf(row),
    concurrency: Number(row.concurrency),
    createdBy: String(row.created_by),
    retryOf: (row.retry_of as string | null) ?? null,
    lastSeq: Number(row.last_seq),
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  } as TaskResponse;
}

/** A task_nodes row -> TaskNodeResult. */
export function toNodeResult(row: SqlRow): TaskNodeResult {
  return {
    node: String(row.node),
    status: row.status as NodeResultStatus,
    attempts: Number(row.attempts),
    error: (row.error as string | null) ?? null,
    before: parseJson(row.before),
    after: parseJson(row.after),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** A task_events row -> the TaskEvent stored in its payload. */
export function toTaskEvent(row: SqlRow): TaskEvent {
  return parseJson(row.payload) as TaskEvent;
}
