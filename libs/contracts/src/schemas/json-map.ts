import { z } from 'zod';
import { mapKeySegment, ruleOf } from './violations';

/** A map whose keys are ordinary keys: no prototype, so `constructor` or `__proto__` are keys like any other. */
export type JsonMap<V> = Record<string, V>;

/** An empty {@link JsonMap}. */
export const emptyJsonMap = <V>(): JsonMap<V> => Object.create(null) as JsonMap<V>;

/** Whether `map` has its own key `key` (never a key inherited from Object.prototype). */
export const hasKey = (map: object, key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);

export interface JsonMapOptions {
  /** Most entries accepted. */
  maxEntries: number;
  /** What the map holds, for messages and the OpenAPI description, e.g. `label key -> value`. */
  description: string;
  /** Prefix of a key's rules (`key `), so `params.set["a b"]: key name part must ...` reads right. */
  keyRulePrefix?: string;
  /** Prefix of a value's rules (`value `). */
  valueRulePrefix?: string;
}

/**
 * A JSON object used as a map (label key -> value). Unlike `z.record`, every own key is checked
 * and kept, `__proto__` included, and the result has no prototype (see {@link JsonMap}), so a key
 * is never confused with an inherited property. Issues name the key as a map-key path segment
 * (`params.set["app/x"]`), prefixed `key ` / `value ` by the options. The OpenAPI schema is an
 * object whose values follow `value`'s schema.
 */
export function jsonMap<V extends z.ZodType>(key: z.ZodType<string>, value: V, options: JsonMapOptions) {
  const { maxEntries, keyRulePrefix = '', valueRulePrefix = '' } = options;
  const valueJson = z.toJSONSchema(value, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' });
  return z
    .unknown()
    .transform((input, ctx): JsonMap<z.output<V>> => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        ctx.addIssue({ code: 'custom', message: `must be a JSON object of ${options.description}`, input });
        return emptyJsonMap();
      }
      const entries = Object.entries(input);
      if (entries.length > maxEntries) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${maxEntries} entries`, input });
        return emptyJsonMap();
      }
      const out = emptyJsonMap<z.output<V>>();
      for (const [k, v] of entries) {
        const segment = mapKeySegment(k);
        const keyResult = key.safeParse(k, { error: ruleOf });
        if (!keyResult.success) for (const i of keyResult.error.issues) ctx.addIssue({ code: 'custom', message: `${keyRulePrefix}${i.message}`, path: [segment, ...i.path], input: k });
        const valueResult = value.safeParse(v, { error: ruleOf });
        if (!valueResult.success) for (const i of valueResult.error.issues) ctx.addIssue({ code: 'custom', message: `${valueRulePrefix}${i.message}`, path: [segment, ...i.path], input: v });
        // Kept even when invalid: the parse fails anyway, and cross-field rules then still see every key.
        Object.defineProperty(out, k, { value: valueResult.success ? valueResult.data : v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    })
    .meta({ type: 'object', description: `JSON object of ${options.description}, at most ${maxEntries} entries`, additionalProperties: valueJson, maxProperties: maxEntries });
}
