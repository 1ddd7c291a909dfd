import type { FieldViolation, NodeSummary, TaskKind } from '@knm/contracts';
import type { NodeChange } from '@knm/progress';
import type { NodeApi } from '../node-api';

/** What one node operation attempt gets. */
export interface NodeOperationContext {
  api: NodeApi;
  /** Node name. */
  node: string;
  /** Server-side dry run: compute and report the change, store nothing. */
  dryRun: boolean;
  /** The node as the cache last saw it (may lag the API server by a moment); undefined if unknown. */
  cached: NodeSummary | undefined;
  /** Who runs the task (recorded by cordon). */
  actor: string;
  /** Time of this attempt. */
  now: Date;
}

/**
 * One kind of batch task (label, taint, cordon, ...). Implementations are small, stateless,
 * idempotent (applying twice leaves the node as applying once) and registered in
 * `operations/index.ts`; adding a kind touches no other file.
 */
export interface NodeOperation<P = unknown> {
  readonly kind: TaskKind;
  /**
   * Every rule `params` breaks, with field paths from the request root (`params.set["a/b"]`).
   * Empty = valid; then `params` may be cast to `P`.
   */
  validateParams(params: unknown): FieldViolation[];
  /**
   * One attempt on one node. Resolves the before/after of what it touched. Throws client-node
   * `ApiException`s unchanged (the executor classifies and retries them).
   */
  applyToNode(ctx: NodeOperationContext, params: P): Promise<NodeChange>;
}
