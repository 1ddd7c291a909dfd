import { FieldViolation, labelKeyViolations, labelValueViolations } from '@knm/contracts';

/** A plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `params.set["app/x"]`-style path segment for a map key. */
export const keyPath = (path: string, key: string): string => `${path}[${JSON.stringify(key)}]`;

/** Violations for fields of `obj` not in `allowed`. */
export function unknownFields(obj: Record<string, unknown>, allowed: readonly string[], path: string): FieldViolation[] {
  return Object.keys(obj)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ field: path ? `${path}.${k}` : k, rule: 'is not a known field' }));
}

/** Label or taint key rules (k8s IsQualifiedName), prefixed `key ` when `asKeyOf` is set. */
export function keyViolations(key: string, field: string, prefix = ''): FieldViolation[] {
  return labelKeyViolations(key).map((r) => ({ field, rule: `${prefix}${r}` }));
}

/** Label or taint value rules (k8s IsValidLabelValue); a non-string is one violation. */
export function valueViolations(value: unknown, field: string, prefix = ''): FieldViolation[] {
  if (typeof value !== 'string') return [{ field, rule: `${prefix}must be a string` }];
  return labelValueViolations(value).map((r) => ({ field, rule: `${prefix}${r}` }));
}

/** Checks `v` is an array of at most `max` items; returns the array or null with a violation pushed. */
export function arrayOf(v: unknown, field: string, max: number, out: FieldViolation[]): unknown[] | null {
  if (!Array.isArray(v)) {
    out.push({ field, rule: 'must be an array' });
    return null;
  }
  if (v.length > max) {
    out.push({ field, rule: `must have at most ${max} items` });
    return null;
  }
  return v;
}
