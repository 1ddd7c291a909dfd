import { Injectable } from '@nestjs/common';
import type { UncordonParams } from '@knm/contracts';
import type { NodeChange } from '@knm/progress';
import { CORDON_ANNOTATIONS, changeCordonState, CordonState } from './cordon.operation';
import { NodeOperation, NodeOperationContext } from './node-operation';

/**
 * Merge patch that uncordons a node (spec.unschedulable=false, knm.io/cordon* annotations
 * removed), or null when it is schedulable and carries none of them.
 */
export function uncordonPatch(state: CordonState, resourceVersion: string): object | null {
  if (!state.unschedulable && Object.keys(state.annotations).length === 0) return null;
  const annotations = Object.fromEntries(Object.values(CORDON_ANNOTATIONS).map((k) => [k, null]));
  return { metadata: { resourceVersion, annotations }, spec: { unschedulable: false } };
}

/** `uncordon`: makes the node schedulable again (as `kubectl uncordon` does) and removes the cordon annotations. */
@Injectable()
export class UncordonOperation implements NodeOperation<UncordonParams> {
  readonly kind = 'uncordon' as const;

  applyToNode(ctx: NodeOperationContext): Promise<NodeChange> {
    return changeCordonState(ctx, uncordonPatch);
  }
}
