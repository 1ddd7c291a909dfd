import { plural, type I18nMessage } from '../../../core/i18n/i18n-message';
import type { NodeBatchContext } from '../../../core/plugins/plugin.types';

/** The target part of a `CreateTaskRequest`: exactly one of `nodes` or `selector`. */
export type BatchTarget = { nodes: string[] } | { selector: string };

/** What the task will be submitted against: the selector when the user chose "all matching", else the node names. */
export function batchTarget(context: NodeBatchContext): BatchTarget {
  return context.matching ? { selector: context.matching.selector } : { nodes: context.nodes.map((n) => n.name) };
}

/** Number of nodes the action applies to (for a selector: how many matched when it was chosen). */
export function targetCount(context: NodeBatchContext): number {
  return context.matching ? context.matching.count : context.nodes.length;
}

/** "1 node" / "20 nodes". */
export function nodesText(count: number): I18nMessage {
  return plural(count, 'common.nodes.one', 'common.nodes.other');
}
