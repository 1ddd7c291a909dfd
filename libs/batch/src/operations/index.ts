import { CordonOperation } from './cordon.operation';
import { LabelOperation } from './label.operation';
import { TaintOperation } from './taint.operation';
import { UncordonOperation } from './uncordon.operation';

/**
 * The registry list: every node operation class, one line each. A new kind is a new
 * `<kind>.operation.ts` implementing NodeOperation plus one line here, and in libs/contracts its
 * name (TASK_KINDS), its permission (TASK_KIND_PERMISSION) and its params schema
 * (TASK_PARAMS_SCHEMAS); the compiler asks for the last two once the name is added.
 */
export const NODE_OPERATION_TYPES = [LabelOperation, TaintOperation, CordonOperation, UncordonOperation];

export * from './node-operation';
export { LabelOperation, TaintOperation, CordonOperation, UncordonOperation };
