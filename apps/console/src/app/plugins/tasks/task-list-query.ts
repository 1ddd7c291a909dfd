import type { Params } from '@angular/router';
import { TASK_KINDS, type TaskKind, type TaskListQuery, type TaskStatus } from '@knm/contracts';
import { oneOfParam, positiveIntParam, type ParamReader } from '../../shared/table/param-reader';

/**
 * The task history's URL state and its `GET /tasks` query (pure). Parameters: cluster, kind,
 * status, from (inclusive), to (exclusive) as RFC 3339 UTC instants, page, limit. The server
 * answers newest first. Malformed values fall back to "not set".
 */
export interface TaskListView {
  cluster: string;
  kind: TaskKind | null;
  status: TaskStatus | null;
  from: string | null;
  to: string | null;
  page: number;
  limit: number;
}

/** Every task status, in the order the status filter offers them (words: shared/task-progress/task-labels). */
export const TASK_STATUSES: readonly TaskStatus[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled'];
export const TASK_PAGE_SIZES = [20, 50, 100] as const;
export const TASK_LIST_LIMIT = 50;

function instantParam(query: ParamReader, name: string): string | null {
  const raw = query.get(name);
  return raw !== null && /^\d{4}-\d\d-\d\dT/.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : null;
}

export function readTaskListView(query: ParamReader): TaskListView {
  return {
    cluster: query.get('cluster') ?? '',
    kind: oneOfParam(query, 'kind', TASK_KINDS),
    status: oneOfParam(query, 'status', TASK_STATUSES),
    from: instantParam(query, 'from'),
    to: instantParam(query, 'to'),
    page: positiveIntParam(query, 'page', 1),
    limit: positiveIntParam(query, 'limit', TASK_LIST_LIMIT),
  };
}

/** The `GET /tasks` query for a view; unset filters are left out, page and limit always sent. */
export function toTaskListQuery(view: TaskListView): TaskListQuery {
  return {
    ...(view.cluster ? { cluster: view.cluster } : {}),
    ...(view.kind ? { kind: view.kind } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.from ? { from: view.from } : {}),
    ...(view.to ? { to: view.to } : {}),
    page: view.page,
    limit: view.limit,
  };
}

/** A filter change for the URL (merge): the value or null to drop it; back to page 1. */
export function taskFilterParams(name: 'cluster' | 'kind' | 'status' | 'from' | 'to', value: string | null): Params {
  return { [name]: value ? value : null, page: null };
}

/** `<input type="datetime-local">` value (local time, minutes) -> UTC RFC 3339, or null when empty/invalid. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** UTC instant -> `<input type="datetime-local">` value in local time ('' for null). */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
