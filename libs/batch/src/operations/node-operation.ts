import type { NodeSummary, TaskKind } from '@knm/contracts';
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
 * `operations/index.ts`. A kind's params are validated at the edge by its schema in libs/contracts
 * (TASK_PARAMS_SCHEMAS), so an operation receives params of its shape.
 */
export interface NodeOperation<P = unknown> {
  readonly kind: TaskKind;
  /**
   * One attempt on one node. Resolves the before/after of what it touched. Throws client-node
   * `ApiException`s unchanged (the executor classifies and retries them).
   */
  applyToNode(ctx: NodeOperationContext, params: P): Promise<NodeChange>;
}
