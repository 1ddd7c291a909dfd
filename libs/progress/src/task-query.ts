import { dns1123LabelViolations, FieldViolation, TASK_KINDS, TaskKind, TaskListQuery, TaskStatus } from '@knm/contracts';
import { assertNoViolations } from '@knm/common';

const TASK_STATUSES: readonly TaskStatus[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled'];
export const TASK_LIST_DEFAULT_LIMIT = 50;
export const TASK_LIST_MAX_LIMIT = 200;
export const TASK_EVENTS_DEFAULT_LIMIT = 500;

type Raw = Record<string, unknown>;

function intParam(raw: Raw, field: string, min: number, max: number, dflt: number, out: FieldViolation[]): number {
  const v = raw[field];
  if (v === undefined || v === '') return dflt;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    out.push({ field, rule: `must be a whole number from ${min} to ${max}` });
    return dflt;
  }
  return Number(v);
}

function oneOf<T extends string>(raw: Raw, field: string, allowed: readonly T[], out: FieldViolation[]): T | undefined {
  const v = raw[field];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    out.push({ field, rule: `must be one of ${allowed.join(', ')}` });
    return undefined;
  }
  return v as T;
}

function instant(raw: Raw, field: string, out: FieldViolation[]): string | undefined {
  const v = raw[field];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\d/.test(v) || Number.isNaN(Date.parse(v))) {
    out.push({ field, rule: 'must be an RFC 3339 timestamp, e.g. 2026-11-21T10:00:00Z' });
    return undefined;
  }
  return new Date(v).toISOString();
}

/**
 * Parses `GET /tasks` query parameters (TaskListQuery): cluster, kind, status, from (inclusive),
 * to (exclusive), page (1-based, default 1), limit (default 50, max 200).
 * Throws ValidationError naming each bad parameter.
 */
export function parseTaskListQuery(raw: Raw): TaskListQuery & { page: number; limit: number } {
  const out: FieldViolation[] = [];
  const cluster = typeof raw.cluster === 'string' && raw.cluster !== '' ? raw.cluster : undefined;
  if (raw.cluster !== undefined && typeof raw.cluster !== 'string') out.push({ field: 'cluster', rule: 'must be a string' });
  if (cluster) out.push(...dns1123LabelViolations(cluster).map((rule) => ({ field: 'cluster', rule })));
  const query = {
    cluster,
    kind: oneOf<TaskKind>(raw, 'kind', TASK_KINDS, out),
    status: oneOf(raw, 'status', TASK_STATUSES, out),
    from: instant(raw, 'from', out),
    to: instant(raw, 'to', out),
    page: intParam(raw, 'page', 1, 1_000_000, 1, out),
    limit: intParam(raw, 'limit', 1, TASK_LIST_MAX_LIMIT, TASK_LIST_DEFAULT_LIMIT, out),
  };
  assertNoViolations(out);
  return query;
}

/** Parses `GET /tasks/:id/events` query: afterSeq (default 0), limit (default 500, max 1000). Throws ValidationError. */
export function parseTaskEventsQuery(raw: Raw): { afterSeq: number; limit: number } {
  const out: FieldViolation[] = [];
  const afterSeq = intParam(raw, 'afterSeq', 0, Number.MAX_SAFE_INTEGER, 0, out);
  const limit = intParam(raw, 'limit', 1, 1000, TASK_EVENTS_DEFAULT_LIMIT, out);
  assertNoViolations(out);
  return { afterSeq, limit };
}
