import { z } from 'zod';
import { TAINT_EFFECTS } from '../node';
import { CORDON_REASON_MAX_LENGTH } from '../task';
import { hasKey, jsonMap } from './json-map';
import { labelKeySchema, labelValueSchema } from './k8s';

/** Most label keys one task may set (and, separately, remove). */
export const MAX_LABEL_KEYS = 100;
/** Most taints one task may add (and, separately, remove). */
export const MAX_TAINTS = 50;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Cross-field checks run whenever the value is an object, even when a field broke a rule, so one
 * answer lists every violation; they read the raw value defensively. "Nothing to do" is reported
 * only when nothing else is wrong.
 */
const whenObject = { when: (payload: { value: unknown }) => isRecord(payload.value) };

/** `label` params: keys to set (key -> value, JSON merge patch) and keys to remove. */
export const labelParamsSchema = z
  .strictObject({
    set: jsonMap(labelKeySchema, labelValueSchema, {
      maxEntries: MAX_LABEL_KEYS,
      description: 'label key -> value',
      keyRulePrefix: 'key ',
      valueRulePrefix: 'value ',
    }).optional(),
    remove: z.array(labelKeySchema).max(MAX_LABEL_KEYS).optional().meta({ description: 'Label keys to remove' }),
  })
  .superRefine((params, ctx) => {
    const raw: Record<string, unknown> = params;
    const set = isRecord(raw.set) ? raw.set : {};
    const remove = listOf(raw.remove);
    remove.forEach((key, i) => {
      if (typeof key !== 'string') return;
      const first = remove.indexOf(key);
      if (first !== i) ctx.addIssue({ code: 'custom', message: `duplicate of params.remove[${first}]`, path: ['remove', i] });
      if (hasKey(set, key)) ctx.addIssue({ code: 'custom', message: `must not also be set in params.set[${JSON.stringify(key)}]`, path: ['remove', i] });
    });
    if (Object.keys(set).length === 0 && remove.length === 0 && ctx.issues.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must set or remove at least one label' });
    }
  }, whenObject)
  .meta({ title: 'LabelParams' });

/** A taint to add (core/v1 Taint without timeAdded). */
export const taintSchema = z.strictObject({
  key: labelKeySchema,
  value: labelValueSchema.optional(),
  effect: z.enum(TAINT_EFFECTS),
});

/** A taint to remove: by key, or by key and effect. */
export const taintSelectorSchema = z.strictObject({
  key: labelKeySchema,
  effect: z.enum(TAINT_EFFECTS).optional(),
});

const sameTaint = (a: unknown, key: unknown, effect: unknown): boolean => isRecord(a) && a.key === key && a.effect === effect;

/** `taint` params: taints to add (replacing one with the same key and effect) and to remove. */
export const taintParamsSchema = z
  .strictObject({
    add: z.array(taintSchema).max(MAX_TAINTS).optional(),
    remove: z.array(taintSelectorSchema).max(MAX_TAINTS).optional(),
  })
  .superRefine((params, ctx) => {
    const raw: Record<string, unknown> = params;
    const add = listOf(raw.add);
    const remove = listOf(raw.remove);
    add.forEach((t, i) => {
      if (!isRecord(t)) return;
      const first = add.findIndex((o) => sameTaint(o, t.key, t.effect));
      if (first !== i) ctx.addIssue({ code: 'custom', message: `duplicate of params.add[${first}] (same key and effect)`, path: ['add', i] });
    });
    remove.forEach((r, i) => {
      if (!isRecord(r)) return;
      const clash = add.findIndex((a) => isRecord(a) && a.key === r.key && (r.effect === undefined || a.effect === r.effect));
      if (clash >= 0) ctx.addIssue({ code: 'custom', message: `conflicts with params.add[${clash}] (same key)`, path: ['remove', i] });
    });
    if (add.length + remove.length === 0 && ctx.issues.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must add or remove at least one taint' });
    }
  }, whenObject)
  .meta({ title: 'TaintParams' });

/** `cordon` params: an optional reason, recorded in the knm.io/cordon-reason annotation. */
export const cordonParamsSchema = z
  .strictObject({ reason: z.string().max(CORDON_REASON_MAX_LENGTH).optional() })
  .meta({ title: 'CordonParams' });

/** `uncordon` takes no params. */
export const uncordonParamsSchema = z.strictObject({}).meta({ title: 'UncordonParams' });

export type LabelParams = z.output<typeof labelParamsSchema>;
export type TaintParams = z.output<typeof taintParamsSchema>;
export type CordonParams = z.output<typeof cordonParamsSchema>;
export type UncordonParams = z.output<typeof uncordonParamsSchema>;
