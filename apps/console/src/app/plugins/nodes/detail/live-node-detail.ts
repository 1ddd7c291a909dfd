import type { NodeChangedEvent, NodeDetailResponse } from '@knm/contracts';

/**
 * Applies a `node:changed` of the shown node to its detail (pure). Events whose per-cluster seq the
 * detail already reflects are dropped (same object back). A modification replaces the summary
 * fields and keeps the pods (listed separately from the cluster, not part of node events); a
 * deletion answers `'deleted'`. An added node (the node was re-created) is taken as a modification.
 */
export function applyDetailChange(detail: NodeDetailResponse, event: NodeChangedEvent): NodeDetailResponse | 'deleted' {
  if (event.name !== detail.name || event.seq <= detail.seq) return detail;
  if (event.type === 'deleted') return 'deleted';
  if (!event.node) return { ...detail, seq: event.seq };
  return { ...detail, ...event.node, pods: detail.pods, podsError: detail.podsError, seq: event.seq };
}
