import type { ClusterStatus } from './cluster';
import type { NodeSummary } from './node';
import type { TaskEvent } from './task';

export interface TaskSubscribeRequest {
  taskId: string;
  /** Highest seq the client already has (0 = none). */
  afterSeq: number;
}

export interface ClusterSubscribeRequest {
  cluster: string;
}

/** Acknowledgement of a subscribe request. */
export type SubscribeAck = { ok: true } | { ok: false; code: string; message: string };

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
  'task:unsubscribe': (req: { taskId: string }, ack?: (res: SubscribeAck) => void) => void;
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
