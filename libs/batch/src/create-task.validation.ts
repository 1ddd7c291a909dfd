import {
  CreateTaskRequest,
  dns1123LabelViolations,
  dns1123SubdomainViolations,
  FieldViolation,
  TASK_MAX_NODES,
} from '@knm/contracts';
import { assertNoViolations } from '@knm/common';
import type { NodeOperationRegistry } from './node-operation.registry';
import { arrayOf, isObject, unknownFields } from './operations/params-validation';

const REQUEST_FIELDS = ['kind', 'params', 'nodes', 'selector', 'concurrency', 'dryRun'] as const;

/** Longest label selector accepted, characters. */
export const MAX_SELECTOR_LENGTH = 4096;

/** Limits that come from configuration. */
export interface CreateTaskLimits {
  /** Highest `concurrency` accepted (AppConfig.clusterMaxConcurrency). */
  maxConcurrency: number;
}

function nodesViolations(nodes: unknown, out: FieldViolation[]): void {
  const list = arrayOf(nodes, 'nodes', TASK_MAX_NODES, out);
  if (!list) return;
  if (list.length === 0) out.push({ field: 'nodes', rule: 'must name at least one node' });
  const seen = new Map<string, number>();
  list.forEach((n, i) => {
    const field = `nodes[${i}]`;
    if (typeof n !== 'string') return out.push({ field, rule: 'must be a node name (string)' });
    out.push(...dns1123SubdomainViolations(n).map((rule) => ({ field, rule })));
    const first = seen.get(n);
    if (first !== undefined) out.push({ field, rule: `duplicate of nodes[${first}]` });
    else seen.set(n, i);
  });
}

function targetViolations(body: Record<string, unknown>, out: FieldViolation[]): void {
  const hasNodes = body.nodes !== undefined;
  const hasSelector = body.selector !== undefined;
  if (hasNodes && hasSelector) out.push({ field: 'selector', rule: 'must not be given together with nodes (exactly one of nodes or selector)' });
  if (!hasNodes && !hasSelector) out.push({ field: 'nodes', rule: 'exactly one of nodes or selector is required' });
  if (hasNodes) nodesViolations(body.nodes, out);
  if (hasSelector) {
    const s = body.selector;
    if (typeof s !== 'string' || s.trim() === '') out.push({ field: 'selector', rule: 'must be a non-empty label selector' });
    else if (s.length > MAX_SELECTOR_LENGTH) out.push({ field: 'selector', rule: `must be at most ${MAX_SELECTOR_LENGTH} characters` });
  }
}

function optionViolations(body: Record<string, unknown>, limits: CreateTaskLimits, out: FieldViolation[]): void {
  const c = body.concurrency;
  if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > limits.maxConcurrency)) {
    out.push({ field: 'concurrency', rule: `must be a whole number from 1 to ${limits.maxConcurrency}` });
  }
  if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') out.push({ field: 'dryRun', rule: 'must be a boolean' });
}

/**
 * Validates `POST /clusters/:cluster/tasks` completely before anything is read or written:
 * cluster name (DNS-1123 label), no unknown fields, `kind` among the registered operations,
 * `params` by that operation's rules, exactly one of `nodes` (1..TASK_MAX_NODES unique DNS-1123
 * subdomain names) or `selector`, `concurrency` 1..limits.maxConcurrency, `dryRun` boolean.
 * Throws ValidationError (400 VALIDATION_FAILED) listing every violation with its field path.
 */
export function validateCreateTask(cluster: string, body: unknown, registry: NodeOperationRegistry, limits: CreateTaskLimits): CreateTaskRequest {
  const out: FieldViolation[] = dns1123LabelViolations(cluster).map((rule) => ({ field: 'cluster', rule }));
  if (!isObject(body)) {
    out.push({ field: '', rule: 'request body must be a JSON object' });
    assertNoViolations(out);
    throw new Error('unreachable');
  }
  out.push(...unknownFields(body, REQUEST_FIELDS, ''));
  const op = typeof body.kind === 'string' ? registry.get(body.kind) : undefined;
  if (!op) out.push({ field: 'kind', rule: `must be one of ${registry.kinds().join(', ')}` });
  else out.push(...op.validateParams(body.params));
  targetViolations(body, out);
  optionViolations(body, limits, out);
  assertNoViolations(out);
  return body as unknown as CreateTaskRequest;
}
