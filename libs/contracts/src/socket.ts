import type { ClusterStatus } from './cluster';
import type { FieldViolation } from './errors';
import type { NodeSummary } from './node';
import type { ClusterSubscribeRequest, TaskSubscribeRequest, TaskUnsubscribeRequest } from './schemas/socket.schema';
import type { TaskEvent } from './task';

/**
 * Acknowledgement of a subscribe request. A refused request names its code (an ErrorCode, e.g.
 * VALIDATION_FAILED with `violations` naming each field and rule, TASK_NOT_FOUND).
 */
export type SubscribeAck = { ok: true } | { ok: false; code: string; message: string; violations?: FieldViolation[] };

/** `node:changed` payload. `node` is absent when `type` is `deleted`. */
export interface NodeChangedEvent {
  cluster: string;
  seq: number;
  type: 'added' | 'modified' | 'deleted';
  name: string;
  node?: NodeSummary;
}

export interface ClusterStatusEvent {
  cluster: string;
  status: ClusterStatus;
  message: string | null;
}

export interface ClientToServerEvents {
  'task:subscribe': (req: TaskSubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  'task:unsubscribe': (req: TaskUnsubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  'cluster:subscribe': (req: ClusterSubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  'cluster:unsubscribe': (req: ClusterSubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
}

export interface ServerToClientEvents {
  'task:event': (event: TaskEvent) => void;
  'node:changed': (event: NodeChangedEvent) => void;
  'cluster:status': (event: ClusterStatusEvent) => void;
}

export const taskRoom = (taskId: string): string => `task:${taskId}`;
export const clusterRoom = (cluster: string): string => `cluster:${cluster}`;
