/**
 * Human-readable per-node change from a task's `change.before/after` (pure). The shapes are
 * kind-specific (labels: key -> value of the touched keys; taints: the taint list; cordon:
 * `{unschedulable, annotations}`), so the diff is generic: objects are compared key by key
 * (dotted path), arrays as sets of items (taints print as `key=value:Effect`), scalars directly.
 * Only differences are listed; an empty list means the node already was as asked.
 */

export interface ChangeLine {
  /** Dotted path of the field, '' for the root. */
  path: string;
  /** Printed old value, null when the field or item was absent. */
  before: string | null;
  /** Printed new value, null when the field or item is gone. */
  after: string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Prints one value; taint-shaped objects as kubectl does (`key=value:Effect`). */
export function printValue(v: unknown): string {
  if (isRecord(v) && typeof v['key'] === 'string' && typeof v['effect'] === 'string') {
    const value = typeof v['value'] === 'string' && v['value'] !== '' ? `=${v['value']}` : '';
    return `${v['key']}${value}:${v['effect']}`;
  }
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function diffInto(path: string, before: unknown, after: unknown, out: ChangeLine[]): void {
  if (Array.isArray(before) || Array.isArray(after)) {
    const b = (Array.isArray(before) ? before : []).map(printValue);
    const a = (Array.isArray(after) ? after : []).map(printValue);
    for (const item of b) if (!a.includes(item)) out.push({ path, before: item, after: null });
    for (const item of a) if (!b.includes(item)) out.push({ path, before: null, after: item });
    return;
  }
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) diffInto(join(path, key), b[key], a[key], out);
    return;
  }
  const b = before === undefined || before === null ? null : printValue(before);
  const a = after === undefined || after === null ? null : printValue(after);
  if (b !== a) out.push({ path, before: b, after: a });
}

/** The differences between `before` and `after`, in a stable order. */
export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  const out: ChangeLine[] = [];
  diffInto('', before, after, out);
  return out;
}

/** One line of text: `path: before → after`, `+ item`, `- item`. */
export function changeLineText(line: ChangeLine): string {
  const label = line.path ? `${line.path}: ` : '';
  if (line.before === null) return `+ ${label}${line.after ?? ''}`;
  if (line.after === null) return `- ${label}${line.before}`;
  return `${label}${line.before} → ${line.after}`;
}
