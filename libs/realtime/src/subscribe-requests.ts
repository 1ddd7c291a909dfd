import { dns1123LabelViolations, ErrorCode, SubscribeAck } from '@knm/contracts';

/** Task ids are UUIDs (RandomSource.uuid). */
const TASK_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Parsed<T> = T | { error: SubscribeAck & { ok: false } };

const invalid = (message: string): { error: SubscribeAck & { ok: false } } => ({
  error: { ok: false, code: ErrorCode.ValidationFailed, message },
});

function asObject(body: unknown): Record<string, unknown> | null {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

function taskIdOf(o: Record<string, unknown>): string | null {
  return typeof o.taskId === 'string' && TASK_ID_RE.test(o.taskId) ? o.taskId : null;
}

/** Parses `task:subscribe {taskId, afterSeq}`; `afterSeq` defaults to 0 and must be a whole number >= 0. */
export function parseTaskSubscribe(body: unknown): Parsed<{ taskId: string; afterSeq: number }> {
  const o = asObject(body);
  if (!o) return invalid('body must be an object {taskId, afterSeq}');
  const taskId = taskIdOf(o);
  if (!taskId) return invalid('taskId: must be a task id (UUID)');
  const afterSeq = o.afterSeq ?? 0;
  if (typeof afterSeq !== 'number' || !Number.isSafeInteger(afterSeq) || afterSeq < 0) {
    return invalid('afterSeq: must be a whole number >= 0');
  }
  return { taskId, afterSeq };
}

/** Parses `task:unsubscribe {taskId}`. */
export function parseTaskUnsubscribe(body: unknown): Parsed<{ taskId: string }> {
  const o = asObject(body);
  const taskId = o && taskIdOf(o);
  return taskId ? { taskId } : invalid('taskId: must be a task id (UUID)');
}

/** Parses `cluster:subscribe|unsubscribe {cluster}`; the name must be a DNS-1123 label like every cluster name. */
export function parseClusterRequest(body: unknown): Parsed<{ cluster: string }> {
  const o = asObject(body);
  if (!o || typeof o.cluster !== 'string') return invalid('cluster: must be a cluster name');
  const rules = dns1123LabelViolations(o.cluster);
  return rules.length ? invalid(`cluster: ${rules.join('; ')}`) : { cluster: o.cluster };
}
