import { Injectable } from '@nestjs/common';
import { emptyJsonMap, hasKey, type JsonMap, type LabelParams } from '@knm/contracts';
import type { NodeChange } from '@knm/progress';
import { NodeOperation, NodeOperationContext } from './node-operation';

/**
 * JSON merge patch for `params`: set keys to values, `null` deletes a key (RFC 7386). The label
 * map has no prototype, so a key such as `constructor` is written like any other.
 */
export function labelPatch(params: LabelParams): { metadata: { labels: JsonMap<string | null> } } {
  const labels = emptyJsonMap<string | null>();
  for (const key of params.remove ?? []) labels[key] = null;
  for (const [key, value] of Object.entries(params.set ?? {})) labels[key] = value;
  return { metadata: { labels } };
}

/** The label keys `params` touches, sorted. */
export function touchedLabelKeys(params: LabelParams): string[] {
  return [...new Set([...Object.keys(params.set ?? {}), ...(params.remove ?? [])])].sort();
}

/** `{key: value | null}` for `keys` (null = label absent; an inherited property is never a label). */
export function pickLabels(labels: Record<string, string> | undefined, keys: string[]): Record<string, string | null> {
  const out = emptyJsonMap<string | null>();
  for (const k of keys) out[k] = labels && hasKey(labels, k) ? labels[k] : null;
  return out;
}

/**
 * `label`: sets and removes node labels with one JSON merge patch (no read; labels are a map, so
 * concurrent changes to other keys are kept). Key and value rules are Kubernetes' own
 * (k8s.io/apimachinery validation, checked by the contracts schema); a value is never rewritten
 * to fit. `before` comes from the node cache, `after` from the API server's answer.
 */
@Injectable()
export class LabelOperation implements NodeOperation<LabelParams> {
  readonly kind = 'label' as const;

  async applyToNode(ctx: NodeOperationContext, params: LabelParams): Promise<NodeChange> {
    const keys = touchedLabelKeys(params);
    const before = pickLabels(ctx.cached?.labels, keys);
    const node = await ctx.api.mergePatchNode(ctx.node, labelPatch(params), ctx.dryRun);
    return { before, after: pickLabels(node.metadata?.labels, keys) };
  }
}
