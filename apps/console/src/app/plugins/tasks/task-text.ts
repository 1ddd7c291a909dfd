import type { CordonParams, LabelParams, TaintParams, TaskKind, TaskResponse } from '@knm/contracts';
import { msg, plural, type I18nMessage } from '../../core/i18n/i18n-message';

/** What a task targeted, in words: "selector env=prod" or "5 nodes". */
export function taskTargetText(task: Pick<TaskResponse, 'selector' | 'counts'>): I18nMessage {
  if (task.selector) return msg('tasks.target.selector', { selector: task.selector });
  return plural(task.counts.total, 'common.nodes.one', 'common.nodes.other');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const taintText = (t: { key: string; value?: string; effect?: string }): string =>
  `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
const verbatim = (text: string): I18nMessage => msg('common.verbatim', { text });

/**
 * A task's parameters in kubectl-like words, per kind, as parts to show joined (`TaskResponse.params`
 * is typed `unknown` on the wire, so the shape is checked before it is read; anything unexpected
 * prints as JSON): label `set a=1, b=2` + `remove c`, taint `add k=v:NoSchedule` + `remove k`,
 * cordon `reason "…"`. Keys, values and taints stay as Kubernetes writes them.
 */
export function taskParamsText(kind: TaskKind, params: unknown): I18nMessage[] {
  if (!isRecord(params)) return [params === undefined || params === null ? msg('common.none') : verbatim(JSON.stringify(params))];
  const parts: I18nMessage[] = [];
  if (kind === 'label') {
    const p = params as LabelParams;
    if (p.set) parts.push(msg('tasks.params.set', { items: Object.entries(p.set).map(([k, v]) => `${k}=${v}`).join(', ') }));
    if (p.remove?.length) parts.push(msg('tasks.params.remove', { items: p.remove.join(', ') }));
  } else if (kind === 'taint') {
    const p = params as TaintParams;
    if (p.add?.length) parts.push(msg('tasks.params.add', { items: p.add.map(taintText).join(', ') }));
    if (p.remove?.length) parts.push(msg('tasks.params.remove', { items: p.remove.map(taintText).join(', ') }));
  } else if (kind === 'cordon') {
    const p = params as CordonParams;
    parts.push(p.reason ? msg('tasks.params.reason', { reason: p.reason }) : msg('tasks.params.noReason'));
  }
  if (parts.length) return parts;
  return [Object.keys(params).length ? verbatim(JSON.stringify(params)) : msg('common.none')];
}
