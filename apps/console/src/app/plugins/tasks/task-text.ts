import type { TaskResponse } from '@knm/contracts';

/** What a task targeted, in words: "selector env=prod" or "5 nodes". */
export function taskTargetText(task: Pick<TaskResponse, 'selector' | 'counts'>): string {
  if (task.selector) return `selector ${task.selector}`;
  return `${task.counts.total} node${task.counts.total === 1 ? '' : 's'}`;
}

/** The task's parameters as short lines (kind-specific shapes are printed generically). */
export function taskParamsText(params: unknown): string {
  if (params === null || params === undefined) return '';
  const text = JSON.stringify(params);
  return text === '{}' ? '(none)' : text;
}
