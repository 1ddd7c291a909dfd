import type { JsonValue } from '../api/types';
import type { ApiResponse } from '../server/resource-api';
import type { KubeSimHandle } from '../sim-handle';

/** A decoded control request: path parameters, query and the JSON body (an object, `{}` when absent). */
export interface ControlRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, JsonValue>;
}

/** One control endpoint: `path` is relative to `/sim/`, `:name` segments are parameters. */
export interface ControlRoute {
  method: string;
  path: string;
  handle(sim: KubeSimHandle, req: ControlRequest): ApiResponse;
}

/** A field-level problem. */
export interface Violation {
  field: string;
  rule: string;
}

/** A JSON answer. */
export const json = (status: number, value: unknown): ApiResponse => ({ status, body: JSON.stringify(value) });

/** 400 `{code: "BAD_REQUEST", message, details: {violations}}`. */
export function invalidRequest(violations: Violation[]): ApiResponse {
  const message = violations.map((v) => `${v.field}: ${v.rule}`).join('; ');
  return json(400, { code: 'BAD_REQUEST', message, details: { violations } });
}

/** 400 for one field. */
export function badRequest(rule: string, field: string): ApiResponse {
  return invalidRequest([{ field, rule }]);
}

/** Collects violations of optional numeric fields: each, when present, a finite number >= `min`. */
export function checkNumbers(body: Record<string, JsonValue>, fields: string[], min = 0, required: string[] = []): Violation[] {
  const out: Violation[] = [];
  for (const f of fields) {
    const v = body[f];
    if (v === undefined) {
      if (required.includes(f)) out.push({ field: f, rule: 'is required' });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) out.push({ field: f, rule: `must be a number >= ${min}` });
  }
  return out;
}

/** Violations of optional `reason`/`message` strings (at most 1024 characters). */
export function checkTexts(body: Record<string, JsonValue>, fields: string[]): Violation[] {
  return fields.filter((f) => body[f] !== undefined && (typeof body[f] !== 'string' || (body[f] as string).length > 1024)).map((field) => ({ field, rule: 'must be a string of at most 1024 characters' }));
}
