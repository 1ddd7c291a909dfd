import {
  clusterSubscribeSchema,
  ErrorCode,
  parseWith,
  SubscribeAck,
  taskSubscribeSchema,
  taskUnsubscribeSchema,
} from '@knm/contracts';
import type { z } from 'zod';

type Refusal = { error: SubscribeAck & { ok: false } };
type Parsed<T> = T | Refusal;

/**
 * Parses a socket event payload with its contracts schema (the same rules and field names as
 * the REST API). A refusal is the ack to send: VALIDATION_FAILED, a message naming each field,
 * and the violations.
 */
function parsePayload<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const parsed = parseWith(schema, body, { root: 'payload' });
  if (parsed.ok) return parsed.value;
  const message = parsed.violations.map((v) => `${v.field}: ${v.rule}`).join('; ');
  return { error: { ok: false, code: ErrorCode.ValidationFailed, message, violations: parsed.violations } };
}

/** Parses `task:subscribe {taskId, afterSeq}`; `afterSeq` defaults to 0 and must be a whole number >= 0. */
export function parseTaskSubscribe(body: unknown): Parsed<{ taskId: string; afterSeq: number }> {
  return parsePayload(taskSubscribeSchema, body);
}

/** Parses `task:unsubscribe {taskId}`. */
export function parseTaskUnsubscribe(body: unknown): Parsed<{ taskId: string }> {
  return parsePayload(taskUnsubscribeSchema, body);
}

/** Parses `cluster:subscribe|unsubscribe {cluster}`; the name must be a DNS-1123 label like every cluster name. */
export function parseClusterRequest(body: unknown): Parsed<{ cluster: string }> {
  return parsePayload(clusterSubscribeSchema, body);
}
