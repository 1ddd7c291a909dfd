import { Inject, Injectable } from '@nestjs/common';
import type { TaskKind } from '@knm/contracts';
import type { NodeOperation } from './operations';

/** DI token of the list of registered {@link NodeOperation}s (built from NODE_OPERATION_TYPES). */
export const NODE_OPERATIONS = Symbol('NODE_OPERATIONS');

/** Looks up node operations by task kind. */
@Injectable()
export class NodeOperationRegistry {
  private readonly byKind: Map<TaskKind, NodeOperation>;

  constructor(@Inject(NODE_OPERATIONS) operations: NodeOperation[]) {
    this.byKind = new Map(operations.map((op) => [op.kind, op]));
  }

  /** The operation for `kind`, or undefined when no operation implements it. */
  get(kind: string): NodeOperation | undefined {
    return this.byKind.get(kind as TaskKind);
  }

  /** Registered kinds, in registration order. */
  kinds(): TaskKind[] {
    return [...this.byKind.keys()];
  }
}
