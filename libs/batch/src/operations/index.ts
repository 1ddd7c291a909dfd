import { CordonOperation } from './cordon.operation';
import { LabelOperation } from './label.operation';
import { TaintOperation } from './taint.operation';
import { UncordonOperation } from './uncordon.operation';

/**
 * The registry list: every node operation class, one line each. A new kind is a new
 * `<kind>.operation.ts` implementing NodeOperation plus one line here.
 */
export const NODE_OPERATION_TYPES = [LabelOperation, TaintOperation, CordonOperation, UncordonOperation];

export * from './node-operation';
export { LabelOperation, TaintOperation, CordonOperation, UncordonOperation };
