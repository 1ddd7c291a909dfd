import type { JsonValue } from '../api/types';

/**
 * Patch strategies of the lists the simulator's types declare with `patchStrategy:"merge"`
 * (k8s.io/api core/v1 types.go). Keys are dotted field paths from the object root, list indexes
 * omitted. A list absent here is atomic and replaced whole; notably `spec.taints` (Node) and
 * `spec.tolerations` (Pod) have no patch strategy and are replaced by a strategic merge patch.
 * `mergeKey: null` marks a merged list of primitives (set union).
 */
export type MergeSchema = ReadonlyMap<string, { mergeKey: string | null }>;

const META: [string, { mergeKey: string | null }][] = [
  ['metadata.finalizers', { mergeKey: null }],
  ['metadata.ownerReferences', { mergeKey: 'uid' }],
];

/** core/v1 Node merge lists. */
export const NODE_MERGE_SCHEMA: MergeSchema = new Map([
  ...META,
  ['spec.podCIDRs', { mergeKey: null }],
  ['status.conditions', { mergeKey: 'type' }],
  ['status.addresses', { mergeKey: 'type' }],
]);

/** core/v1 Pod merge lists. */
export const POD_MERGE_SCHEMA: MergeSchema = new Map([
  ...META,
  ['spec.containers', { mergeKey: 'name' }],
  ['spec.initContainers', { mergeKey: 'name' }],
  ['spec.volumes', { mergeKey: 'name' }],
  ['spec.imagePullSecrets', { mergeKey: 'name' }],
  ['spec.containers.env', { mergeKey: 'name' }],
  ['spec.containers.ports', { mergeKey: 'containerPort' }],
  ['spec.containers.volumeMounts', { mergeKey: 'mountPath' }],
  ['status.conditions', { mergeKey: 'type' }],
  ['status.podIPs', { mergeKey: 'ip' }],
]);

/** Merge lists common to every object (metadata only). */
export const DEFAULT_MERGE_SCHEMA: MergeSchema = new Map(META);

/** Thrown for a malformed directive; the API answers 400 BadRequest. */
export class PatchError extends Error {}

type JsonMap = Record<string, JsonValue>;
const isObject = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Applies a Kubernetes strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch) to
 * `target` without mutating it. Supports `null` deletion, `$patch: replace|delete|merge` on maps
 * and list items, `$retainKeys`, `$deleteFromPrimitiveList/<field>`, and ignores
 * `$setElementOrder/<field>` (ordering hints only). Lists merge by key per `schema`, else replace.
 * @throws PatchError for an unknown `$patch` value.
 */
export function applyStrategicMergePatch(target: JsonValue | undefined, patch: JsonValue, schema: MergeSchema): JsonValue {
  return mergeMap(isObject(target) ? target : {}, isObject(patch) ? patch : {}, '', schema);
}

function mergeMap(target: JsonMap, patch: JsonMap, path: string, schema: MergeSchema): JsonValue {
  const directive = patch.$patch;
  if (directive === 'delete') return null;
  if (directive !== undefined && directive !== 'replace' && directive !== 'merge') throw new PatchError(`Unknown patch type: ${String(directive)}`);
  let out: JsonMap = directive === 'replace' ? {} : { ...target };
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    const keep = new Set(retain.map(String));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const remove = new Set((Array.isArray(value) ? value : []).map((v) => JSON.stringify(v)));
      const current = out[field];
      if (Array.isArray(current)) out[field] = current.filter((v) => !remove.has(JSON.stringify(v)));
      continue;
    }
    const childPath = path ? `${path}.${key}` : key;
    if (value === null) {
      delete out[key];
    } else if (isObject(value)) {
      const merged = mergeMap(isObject(out[key]) ? (out[key] as JsonMap) : {}, value, childPath, schema);
      if (merged === null) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(value)) {
      const rule = schema.get(childPath);
      out[key] = rule ? mergeList(Array.isArray(out[key]) ? (out[key] as JsonValue[]) : [], value, childPath, rule.mergeKey, schema) : value.filter((v) => !(isObject(v) && v.$patch !== undefined));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function mergeList(target: JsonValue[], patch: JsonValue[], path: string, mergeKey: string | null, schema: MergeSchema): JsonValue[] {
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObject(p) && p.$patch === 'replace'));
  if (mergeKey === null) {
    const seen = new Set(target.map((v) => JSON.stringify(v)));
    return [...target, ...patch.filter((v) => !seen.has(JSON.stringify(v)))];
  }
  const out = [...target];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const keyValue = item[mergeKey];
    const index = out.findIndex((t) => isObject(t) && t[mergeKey] === keyValue);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) {
      out[index] = mergeMap(out[index] as JsonMap, item, path, schema);
    } else {
      out.push(mergeMap({}, item, path, schema));
    }
  }
  return out;
}
