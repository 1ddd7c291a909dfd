import type { CordonParams, LabelParams, TaintParams, TaskKind, TaskResponse } from '@knm/contracts';

/** What a task targeted, in words: "selector env=prod" or "5 nodes". */
export function taskTargetText(task: Pick<TaskResponse, 'selector' | 'counts'>): string {
  if (task.selector) return `selector ${task.selector}`;
  return `${task.counts.total} node${task.counts.total === 1 ? '' : 's'}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const taintText = (t: { key: string; value?: string; effect?: string }): string =>
  `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

/**
 * A task's parameters in kubectl-like words, per kind (`TaskResponse.params` is typed `unknown`
 * on the wire, so the shape is checked before it is read; anything unexpected prints as JSON):
 * label `set a=1, b=2; remove c`, taint `add k=v:NoSchedule; remove k`, cordon `reason "…"`.
 */
export function taskParamsText(kind: TaskKind, params: unknown): string {
  if (!isRecord(params)) return params === undefined || params === null ? '—' : JSON.stringify(params);
  const parts: string[] = [];
  if (kind === 'label') {
    const p = params as LabelParams;
    if (p.set) parts.push(`set ${Object.entries(p.set).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    if (p.remove?.length) parts.push(`remove ${p.remove.join(', ')}`);
  } else if (kind === 'taint') {
    const p = params as TaintParams;
    if (p.add?.length) parts.push(`add ${p.add.map(taintText).join(', ')}`);
    if (p.remove?.length) parts.push(`remove ${p.remove.map(taintText).join(', ')}`);
  } else if (kind === 'cordon') {
    const p = params as CordonParams;
    parts.push(p.reason ? `reason "${p.reason}"` : 'no reason given');
  }
  return parts.length ? parts.join('; ') : Object.keys(params).length ? JSON.stringify(params) : '—';
}
