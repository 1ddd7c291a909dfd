import { Injectable } from '@nestjs/common';
import type { FieldViolation, LabelParams } from '@knm/contracts';
import type { NodeChange } from '@knm/progress';
import { NodeOperation, NodeOperationContext } from './node-operation';
import { arrayOf, isObject, keyPath, keyViolations, unknownFields, valueViolations } from './params-validation';

/** Most label keys one task may set (and, separately, remove). */
export const MAX_LABEL_KEYS = 100;

/** JSON merge patch for `params`: set keys to values, `null` deletes a key (RFC 7386). */
export function labelPatch(params: LabelParams): { metadata: { labels: Record<string, string | null> } } {
  const labels: Record<string, string | null> = {};
  for (const key of params.remove ?? []) labels[key] = null;
  Object.assign(labels, params.set ?? {});
  return { metadata: { labels } };
}

/** The label keys `params` touches, sorted. */
export function touchedLabelKeys(params: LabelParams): string[] {
  return [...new Set([...Object.keys(params.set ?? {}), ...(params.remove ?? [])])].sort();
}

/** `{key: value | null}` for `keys` (null = label absent). */
export function pickLabels(labels: Record<string, string> | undefined, keys: string[]): Record<string, string | null> {
  return Object.fromEntries(keys.map((k) => [k, labels?.[k] ?? null]));
}

function setViolations(set: unknown, out: FieldViolation[]): Record<string, unknown> {
  if (!isObject(set)) {
    out.push({ field: 'params.set', rule: 'must be an object of label key -> value' });
    return {};
  }
  if (Object.keys(set).length > MAX_LABEL_KEYS) out.push({ field: 'params.set', rule: `must have at most ${MAX_LABEL_KEYS} labels` });
  for (const [k, v] of Object.entries(set)) {
    out.push(...keyViolations(k, keyPath('params.set', k), 'key '), ...valueViolations(v, keyPath('params.set', k), 'value '));
  }
  return set;
}

function removeViolations(remove: unknown, set: Record<string, unknown>, out: FieldViolation[]): void {
  const keys = arrayOf(remove, 'params.remove', MAX_LABEL_KEYS, out);
  keys?.forEach((k, i) => {
    const field = `params.remove[${i}]`;
    if (typeof k !== 'string') return out.push({ field, rule: 'must be a string' });
    out.push(...keyViolations(k, field));
    const first = keys.indexOf(k);
    if (first !== i) out.push({ field, rule: `duplicate of params.remove[${first}]` });
    if (k in set) out.push({ field, rule: `must not also be set in ${keyPath('params.set', k)}` });
  });
}

/**
 * `label`: sets and removes node labels with one JSON merge patch (no read; labels are a map, so
 * concurrent changes to other keys are kept). Key and value rules are Kubernetes' own
 * (k8s.io/apimachinery validation); a value is never rewritten to fit. `before` comes from the
 * node cache, `after` from the API server's answer.
 */
@Injectable()
export class LabelOperation implements NodeOperation<LabelParams> {
  readonly kind = 'label' as const;

  validateParams(params: unknown): FieldViolation[] {
    if (!isObject(params)) return [{ field: 'params', rule: 'must be an object {set?, remove?}' }];
    const out = unknownFields(params, ['set', 'remove'], 'params');
    const set = params.set === undefined ? {} : setViolations(params.set, out);
    if (params.remove !== undefined) removeViolations(params.remove, set, out);
    const removeCount = Array.isArray(params.remove) ? params.remove.length : 0;
    if (Object.keys(set).length === 0 && removeCount === 0 && out.length === 0) {
      out.push({ field: 'params', rule: 'must set or remove at least one label' });
    }
    return out;
  }

  async applyToNode(ctx: NodeOperationContext, params: LabelParams): Promise<NodeChange> {
    const keys = touchedLabelKeys(params);
    const before = pickLabels(ctx.cached?.labels, keys);
    const node = await ctx.api.mergePatchNode(ctx.node, labelPatch(params), ctx.dryRun);
    return { before, after: pickLabels(node.metadata?.labels, keys) };
  }
}
