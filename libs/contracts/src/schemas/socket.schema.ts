import { z } from 'zod';
import { clusterNameSchema, taskIdSchema } from './k8s';

/** `task:subscribe {taskId, afterSeq}`: `afterSeq` (highest seq the client holds) defaults to 0. */
export const taskSubscribeSchema = z.strictObject({
  taskId: taskIdSchema,
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

/** `task:unsubscribe {taskId}`. */
export const taskUnsubscribeSchema = z.strictObject({ taskId: taskIdSchema });

/** `cluster:subscribe` / `cluster:unsubscribe {cluster}`. */
export const clusterSubscribeSchema = z.strictObject({ cluster: clusterNameSchema });

export type TaskSubscribeRequest = z.input<typeof taskSubscribeSchema>;
export type TaskUnsubscribeRequest = z.output<typeof taskUnsubscribeSchema>;
export type ClusterSubscribeRequest = z.output<typeof clusterSubscribeSchema>;
