import { dns1123SubdomainViolations, labelValueViolations, qualifiedNameViolations } from '@knm/contracts';
import type { KubeObject, Taint } from './types';
import type { StatusCause } from './status';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const invalidValue = (field: string, value: string, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  field,
  message: `Invalid value: "${value}": ${detail}`,
});

/**
 * Validates object metadata like apimachinery ValidateObjectMeta: name is a DNS-1123 subdomain,
 * label keys qualified names and values label values, annotation keys qualified names and total
 * annotation size <= 256 KiB. Returns one cause per violation (empty = valid).
 */
export function validateObjectMeta(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const m = obj.metadata;
  for (const v of dns1123SubdomainViolations(m.name ?? '')) causes.push(invalidValue('metadata.name', m.name ?? '', v));
  for (const [key, value] of Object.entries(m.labels ?? {})) {
    for (const v of qualifiedNameViolations(key)) causes.push(invalidValue('metadata.labels', key, v));
    if (typeof value !== 'string') causes.push(invalidValue(`metadata.labels`, String(value), 'must be a string'));
    else for (const v of labelValueViolations(value)) causes.push(invalidValue('metadata.labels', value, v));
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(m.annotations ?? {})) {
    for (const v of qualifiedNameViolations(key.toLowerCase())) causes.push(invalidValue('metadata.annotations', key, v));
    annotationBytes += key.length + String(value).length;
  }
  if (annotationBytes > TOTAL_ANNOTATION_SIZE_LIMIT) {
    causes.push({ reason: 'FieldValueTooLong', field: 'metadata.annotations', message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return causes;
}

/**
 * Validates an update against the stored object like ValidateObjectMetaUpdate: name, namespace,
 * uid and creationTimestamp are immutable.
 */
export function validateObjectMetaUpdate(next: KubeObject, old: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const field of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    if ((next.metadata[field] ?? '') !== (old.metadata[field] ?? '')) {
      causes.push({ reason: 'FieldValueInvalid', field: `metadata.${field}`, message: `Invalid value: "${String(next.metadata[field])}": field is immutable` });
    }
  }
  return causes;
}

/**
 * Validates node taints like pkg/apis/core/validation validateNodeTaints: key a qualified name,
 * value a label value, effect one of NoSchedule|PreferNoSchedule|NoExecute, no two taints with
 * the same key and effect.
 */
export function validateTaints(taints: unknown, field = 'spec.taints'): StatusCause[] {
  if (taints === undefined || taints === null) return [];
  if (!Array.isArray(taints)) return [invalidValue(field, String(taints), 'must be a list')];
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  taints.forEach((raw: unknown, i) => {
    const t = (raw ?? {}) as Partial<Taint>;
    const f = `${field}[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    for (const v of qualifiedNameViolations(key)) causes.push(invalidValue(`${f}.key`, key, v));
    if (t.value !== undefined) for (const v of labelValueViolations(String(t.value))) causes.push(invalidValue(`${f}.value`, String(t.value), v));
    if (t.effect === undefined || t.effect === '') causes.push({ reason: 'FieldValueRequired', field: `${f}.effect`, message: 'Required value' });
    else if (!TAINT_EFFECTS.includes(t.effect)) {
      causes.push({ reason: 'FieldValueNotSupported', field: `${f}.effect`, message: `Unsupported value: "${t.effect}": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"` });
    }
    const id = `${key}:${String(t.effect)}`;
    if (seen.has(id)) causes.push({ reason: 'FieldValueDuplicate', field: f, message: `Duplicate value: "${id}": taints must be unique by key and effect pair` });
    seen.add(id);
  });
  return causes;
}
