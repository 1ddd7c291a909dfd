import type { TaskCounts, TaskNodeResult, TaskResponse } from '@knm/contracts';
import { ExitCode } from '../exit-codes';
import { age } from './human-duration';
import { formatTable } from './table';

const VERBS: Record<string, string> = { label: 'labeled', taint: 'tainted', cordon: 'cordoned', uncordon: 'uncordoned', drain: 'drained' };

/** kubectl's past tense for a node a task kind changed (`node/n1 labeled`). */
export const doneVerb = (kind: string): string => VERBS[kind] ?? `${kind} done`;

/** 0 when the task succeeded (every node succeeded or no longer exists), 1 when it failed or was cancelled. */
export const exitCodeForTask = (task: Pick<TaskResponse, 'status'>): ExitCode => (task.status === 'succeeded' ? ExitCode.Ok : ExitCode.Failed);

export const countsLine = (c: TaskCounts): string =>
  `${c.total} node${c.total === 1 ? '' : 's'}: ${c.succeeded} succeeded, ${c.failed} failed, ${c.skipped} skipped, ${c.cancelled} cancelled${c.pending + c.running > 0 ? `, ${c.pending + c.running} not finished` : ''}`;

const nodesWith = (task: TaskResponse, status: TaskNodeResult['status']) => (task.nodes ?? []).filter((n) => n.status === status);

/**
 * The end-of-task summary: status line, counts, then each failed node with its error and each
 * skipped node with its reason (cancelled nodes are counted; `knm tasks get ID` lists them).
 */
export function taskSummary(task: TaskResponse): string[] {
  const target = task.selector !== null ? ` selected by ${task.selector}` : '';
  const lines = [`task ${task.id} ${task.status}: ${task.kind}${task.dryRun ? ' (server dry run)' : ''} on cluster ${task.cluster}${target}`, `  ${countsLine(task.counts)}`];
  const failed = nodesWith(task, 'failed');
  if (failed.length > 0) lines.push('failed nodes:', ...failed.map((n) => `  node/${n.node}: ${n.error ?? 'unknown error'}`));
  const skipped = nodesWith(task, 'skipped');
  if (skipped.length > 0) lines.push('skipped nodes:', ...skipped.map((n) => `  node/${n.node}: ${n.error ?? 'skipped'}`));
  return lines;
}

const progressCell = (c: TaskCounts): string => `${c.succeeded + c.failed + c.skipped + c.cancelled}/${c.total}`;

/** `knm tasks ls` table: ID KIND CLUSTER STATUS DONE FAILED DRY-RUN CREATED-BY AGE. */
export function taskTable(tasks: readonly TaskResponse[], nowMs: number): string[] {
  return formatTable(
    ['ID', 'KIND', 'CLUSTER', 'STATUS', 'DONE', 'FAILED', 'DRY-RUN', 'CREATED-BY', 'AGE'],
    tasks.map((t) => [t.id, t.kind, t.cluster, t.status, progressCell(t.counts), String(t.counts.failed), t.dryRun ? 'yes' : 'no', t.createdBy, age(t.createdAt, nowMs)]),
  );
}

/** `knm tasks get ID`: the task's fields, then one row per node (NODE STATUS ATTEMPTS ERROR). */
export function taskDetail(task: TaskResponse, nowMs: number): string[] {
  const fields: [string, string][] = [
    ['ID', task.id],
    ['Kind', task.kind],
    ['Cluster', task.cluster],
    ['Status', task.status],
    ['Params', JSON.stringify(task.params)],
    ['Target', task.selector !== null ? `selector ${task.selector}` : 'named nodes'],
    ['Dry run', task.dryRun ? 'yes (server dry run)' : 'no'],
    ['Concurrency', String(task.concurrency)],
    ['Created', `${task.createdAt} (${age(task.createdAt, nowMs)} ago) by ${task.createdBy}`],
    ['Started', task.startedAt ?? '-'],
    ['Finished', task.finishedAt ?? '-'],
    ['Nodes', countsLine(task.counts)],
  ];
  if (task.retryOf) fields.push(['Retry of', task.retryOf]);
  const width = Math.max(...fields.map(([k]) => k.length)) + 2;
  const lines = fields.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`);
  const nodes = task.nodes ?? [];
  if (nodes.length > 0) lines.push('', ...formatTable(['NODE', 'STATUS', 'ATTEMPTS', 'ERROR'], nodes.map((n) => [n.node, n.status, String(n.attempts), n.error ?? ''])));
  return lines;
}
