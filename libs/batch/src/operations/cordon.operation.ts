import { Injectable } from '@nestjs/common';
import type { V1Node } from '@kubernetes/client-node';
import type { CordonParams } from '@knm/contracts';
import type { NodeChange } from '@knm/progress';
import { NodeOperation, NodeOperationContext } from './node-operation';

/** Annotations recording who cordoned a node, when and why. */
export const CORDON_ANNOTATIONS = {
  reason: 'knm.io/cordon-reason',
  by: 'knm.io/cordoned-by',
  at: 'knm.io/cordoned-at',
} as const;
const CORDON_KEYS = Object.values(CORDON_ANNOTATIONS);

/** What cordon and uncordon touch on a node. */
export interface CordonState {
  unschedulable: boolean;
  annotations: Record<string, string>;
}

/** `spec.unschedulable` and the knm.io/cordon* annotations of a node. */
export function cordonStateOf(node: V1Node): CordonState {
  const all = node.metadata?.annotations ?? {};
  const annotations = Object.fromEntries(CORDON_KEYS.filter((k) => k in all).map((k) => [k, all[k]]));
  return { unschedulable: node.spec?.unschedulable === true, annotations };
}

/**
 * Merge patch that cordons a node (spec.unschedulable=true, reason/by/at annotations), or null
 * when it is already cordoned with the same reason (idempotent: the first cordoned-at is kept).
 */
export function cordonPatch(state: CordonState, resourceVersion: string, reason: string, actor: string, now: Date): object | null {
  if (state.unschedulable && state.annotations[CORDON_ANNOTATIONS.reason] === reason && CORDON_ANNOTATIONS.by in state.annotations) {
    return null;
  }
  return {
    metadata: {
      resourceVersion,
      annotations: { [CORDON_ANNOTATIONS.reason]: reason, [CORDON_ANNOTATIONS.by]: actor, [CORDON_ANNOTATIONS.at]: now.toISOString() },
    },
    spec: { unschedulable: true },
  };
}

/** Reads the node, patches it when needed (with a resourceVersion precondition) and reports the change. */
export async function changeCordonState(ctx: NodeOperationContext, plan: (state: CordonState, rv: string) => object | null): Promise<NodeChange> {
  const node = await ctx.api.readNode(ctx.node);
  const before = cordonStateOf(node);
  const patch = plan(before, node.metadata?.resourceVersion ?? '');
  if (!patch) return { before, after: before };
  const updated = await ctx.api.mergePatchNode(ctx.node, patch, ctx.dryRun);
  return { before, after: cordonStateOf(updated) };
}

/**
 * `cordon`: marks the node unschedulable (as `kubectl cordon` does) and records the reason, the
 * actor and the time in knm.io/cordon-reason, knm.io/cordoned-by, knm.io/cordoned-at.
 */
@Injectable()
export class CordonOperation implements NodeOperation<CordonParams> {
  readonly kind = 'cordon' as const;

  applyToNode(ctx: NodeOperationContext, params: CordonParams | undefined): Promise<NodeChange> {
    return changeCordonState(ctx, (state, rv) => cordonPatch(state, rv, params?.reason ?? '', ctx.actor, ctx.now));
  }
}
