import { Injectable } from '@nestjs/common';
import type { V1Node, V1Taint } from '@kubernetes/client-node';
import type { Taint, TaintEffect, TaintParams } from '@knm/contracts';
import type { NodeChange } from '@knm/progress';
import { NodeOperation, NodeOperationContext } from './node-operation';


/** RFC 3339 without fractional seconds, as Kubernetes writes metav1.Time. */
const rfc3339 = (d: Date | string): string => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** client-node's V1Taint (timeAdded as Date) -> the wire shape. */
export function toTaint(t: V1Taint): Taint {
  return {
    key: t.key,
    ...(t.value !== undefined && t.value !== null ? { value: t.value } : {}),
    effect: t.effect as TaintEffect,
    ...(t.timeAdded ? { timeAdded: rfc3339(t.timeAdded) } : {}),
  };
}

const sameTaint = (a: { key: string; effect?: string }, b: { key: string; effect?: string }) => a.key === b.key && a.effect === b.effect;

/**
 * The node's taint list after `params`: removals (by key, or key+effect) first, then additions
 * (a taint with the same key+effect is replaced unless its value is already the same, in which
 * case it is kept as is, timeAdded included). Every other taint is kept untouched and in order.
 */
export function planTaints(current: readonly Taint[], params: TaintParams): { next: Taint[]; changed: boolean } {
  let next = current.filter((t) => !(params.remove ?? []).some((r) => r.key === t.key && (r.effect === undefined || r.effect === t.effect)));
  for (const add of params.add ?? []) {
    const wanted: Taint = { key: add.key, ...(add.value ? { value: add.value } : {}), effect: add.effect };
    const i = next.findIndex((t) => sameTaint(t, wanted));
    if (i < 0) next = [...next, wanted];
    else if ((next[i].value ?? '') !== (wanted.value ?? '')) next = next.map((t, j) => (j === i ? wanted : t));
  }
  return { next, changed: JSON.stringify(next) !== JSON.stringify(current) };
}

/**
 * JSON merge patch replacing the whole taint list (taints are `listType=atomic`), with the read
 * resourceVersion as a precondition: if anything changed the node meanwhile the API server
 * answers 409 and the executor re-reads and retries, so a taint added concurrently (e.g. the
 * node controller's NoExecute) is never lost (TECH-NOTES 2).
 */
export function taintPatch(resourceVersion: string, taints: Taint[]): object {
  return { metadata: { resourceVersion }, spec: { taints } };
}

const withoutTime = (ts: Taint[]) => ts.map(({ timeAdded: _t, ...rest }) => rest);

/**
 * `taint`: adds taints (key, value?, effect) and removes taints (by key, or key+effect) by
 * read-modify-write with a resourceVersion precondition. `before`/`after` are the node's taint
 * lists (without timeAdded).
 */
@Injectable()
export class TaintOperation implements NodeOperation<TaintParams> {
  readonly kind = 'taint' as const;

  async applyToNode(ctx: NodeOperationContext, params: TaintParams): Promise<NodeChange> {
    const node: V1Node = await ctx.api.readNode(ctx.node);
    const current = (node.spec?.taints ?? []).map(toTaint);
    const { next, changed } = planTaints(current, params);
    if (!changed) return { before: withoutTime(current), after: withoutTime(current) };
    const updated = await ctx.api.mergePatchNode(ctx.node, taintPatch(node.metadata?.resourceVersion ?? '', next), ctx.dryRun);
    return { before: withoutTime(current), after: withoutTime((updated.spec?.taints ?? []).map(toTaint)) };
  }
}
