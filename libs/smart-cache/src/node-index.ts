import type { NodeSummary } from '@knm/contracts';

/**
 * Seam between the per-replica node cache and its readers (batch target resolution).
 * Implemented by SmartCacheService; injected by this abstract class.
 */
export abstract class NodeIndex {
  /** The cached node, or undefined. */
  abstract get(cluster: string, name: string): NodeSummary | undefined;
  /** Names of the nodes matching a kubectl-syntax label selector, sorted by name. Throws DomainError INVALID_SELECTOR. */
  abstract select(cluster: string, selector: string): string[];
  /** True once the cache holds a complete initial list for the cluster. */
  abstract isSynced(cluster: string): boolean;
}
