import type { ClusterStatusEvent, NodeChangedEvent, TaskEvent } from '@knm/contracts';

/**
 * Seam between producers (informer, progress) and the Socket.IO gateway. Emits to rooms
 * `cluster:<name>` and `task:<id>`; with the Postgres adapter, to every replica's sockets.
 * Delivery is best effort: persisted, sequenced data is the truth and clients repair gaps.
 */
export abstract class RealtimePublisher {
  abstract publishNodeChanged(event: NodeChangedEvent): void;
  abstract publishClusterStatus(event: ClusterStatusEvent): void;
  abstract publishTaskEvent(event: TaskEvent): void;
}
