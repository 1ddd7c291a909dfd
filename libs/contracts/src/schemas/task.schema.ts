import { z } from 'zod';
import { TASK_KINDS, TASK_MAX_NODES, TASK_STATUSES, type TaskKind } from '../task';
import { clusterNameSchema, nodeNameSchema, taskIdSchema } from './k8s';
import { MAX_SELECTOR_LENGTH } from './node.schema';
import { enumParam, instantParam, pageParam, textParam, wholeNumberParam } from './query';
import { cordonParamsSchema, labelParamsSchema, taintParamsSchema, uncordonParamsSchema } from './task-params.schema';

/**
 * Highest `concurrency` the schema accepts (the ceiling of KNM_CLUSTER_MAX_CONCURRENCY); the API
 * also refuses a value above the configured KNM_CLUSTER_MAX_CONCURRENCY.
 */
export const TASK_CONCURRENCY_LIMIT = 1000;

/** Params schema of each task kind; `params` may be omitted for the kinds whose params are all optional. */
export const TASK_PARAMS_SCHEMAS = {
  label: labelParamsSchema,
  taint: taintParamsSchema,
  cordon: cordonParamsSchema.optional(),
  uncordon: uncordonParamsSchema.optional(),
} as const satisfies Record<TaskKind, z.ZodType>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const nodesSchema = z
  .array(nodeNameSchema)
  .min(1)
  .max(TASK_MAX_NODES)
  .superRefine(
    (nodes, ctx) => {
      const seen = new Map<unknown, number>();
      nodes.forEach((n, i) => {
        const first = seen.get(n);
        if (first !== undefined) ctx.addIssue({ code: 'custom', message: `duplicate of nodes[${first}]`, path: [i] });
        else if (typeof n === 'string') seen.set(n, i);
      });
    },
    { when: (payload) => Array.isArray(payload.value) && payload.value.length <= TASK_MAX_NODES },
  )
  .meta({ description: `Node names (1..${TASK_MAX_NODES}, unique); exactly one of nodes or selector` });

/** Fields every task kind shares (the targets and options). */
const taskTargetFields = {
  nodes: nodesSchema.optional(),
  selector: z
    .string()
    .max(MAX_SELECTOR_LENGTH)
    .refine((s) => s.trim() !== '', 'must be a non-empty label selector')
    .optional()
    .meta({ description: 'Label selector in kubectl syntax, resolved against the node cache at creation; exactly one of nodes or selector' }),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(TASK_CONCURRENCY_LIMIT)
    .optional()
    .meta({ description: 'Parallel node operations (default KNM_TASK_CONCURRENCY, at most KNM_CLUSTER_MAX_CONCURRENCY)' }),
  dryRun: z.boolean().optional().meta({ description: "Server-side dry run (dryRun=All): reports each node's change, changes nothing" }),
};

function taskBranch<K extends TaskKind>(kind: K) {
  // `params` before the targets, so violations are listed in the order of the request's fields.
  return z.strictObject({ kind: z.literal(kind), params: TASK_PARAMS_SCHEMAS[kind], ...taskTargetFields }).meta({ title: `${kind} task` });
}

function exactlyOneTarget(body: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(body)) return;
  const hasNodes = body.nodes !== undefined;
  const hasSelector = body.selector !== undefined;
  if (hasNodes && hasSelector) ctx.addIssue({ code: 'custom', message: 'must not be given together with nodes (exactly one of nodes or selector)', path: ['selector'] });
  if (!hasNodes && !hasSelector) ctx.addIssue({ code: 'custom', message: 'exactly one of nodes or selector is required', path: ['nodes'] });
}

/**
 * `POST /clusters/:cluster/tasks` body: a discriminated union on `kind`, each kind with its own
 * `params`; exactly one of `nodes` or `selector` names the targets.
 */
export const createTaskRequestSchema = z
  .discriminatedUnion('kind', [taskBranch('label'), taskBranch('taint'), taskBranch('cordon'), taskBranch('uncordon')])
  .superRefine((body, ctx) => exactlyOneTarget(body, ctx), { when: (payload) => isRecord(payload.value) })
  .meta({ title: 'CreateTaskRequest', description: 'Exactly one of `nodes` or `selector` names the targets.' });

/** A create-task body as the API holds it after validation. */
export type ValidCreateTaskRequest = z.output<typeof createTaskRequestSchema>;

/** Compile-time check that the union has a branch for every TASK_KINDS entry (the type names a missing kind). */
type KindsWithoutBranch = Exclude<TaskKind, ValidCreateTaskRequest['kind']>;
const _everyKindHasABranch: [KindsWithoutBranch] extends [never] ? true : KindsWithoutBranch = true;

export const TASK_LIST_DEFAULT_LIMIT = 50;
export const TASK_LIST_MAX_LIMIT = 200;
export const TASK_EVENTS_DEFAULT_LIMIT = 500;
export const TASK_EVENTS_MAX_LIMIT = 1000;

/** Query string of `GET /tasks`. */
export const taskListQuerySchema = z.strictObject({
  cluster: textParam(253).pipe(clusterNameSchema.optional()),
  kind: enumParam(TASK_KINDS),
  status: enumParam(TASK_STATUSES),
  from: instantParam().meta({ description: 'Created at or after this instant (RFC 3339, e.g. 2026-11-21T10:00:00Z)' }),
  to: instantParam().meta({ description: 'Created before this instant (RFC 3339)' }),
  page: pageParam(),
  limit: wholeNumberParam(1, TASK_LIST_MAX_LIMIT).meta({ description: `Page size (default ${TASK_LIST_DEFAULT_LIMIT})` }),
});
export type TaskListQuery = z.output<typeof taskListQuerySchema>;

/** Query string of `GET /tasks/:id/events`. */
export const taskEventsQuerySchema = z.strictObject({
  afterSeq: wholeNumberParam(0, Number.MAX_SAFE_INTEGER).meta({ description: 'Return events with seq > afterSeq (default 0)' }),
  limit: wholeNumberParam(1, TASK_EVENTS_MAX_LIMIT).meta({ description: `Most events returned (default ${TASK_EVENTS_DEFAULT_LIMIT})` }),
});
export type TaskEventsQuery = z.output<typeof taskEventsQuerySchema>;

/** Path parameters `:id` of the task routes. */
export const taskParamsSchema = z.strictObject({ id: taskIdSchema });
/** Path parameters of `POST /clusters/:cluster/tasks`. */
export const clusterTasksParamsSchema = z.strictObject({ cluster: clusterNameSchema });
