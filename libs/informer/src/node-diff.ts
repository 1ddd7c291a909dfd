import type { NodeSummary } from '@knm/contracts';

/** The parts of a node whose change is significant (ARCHITECTURE 3). */
export type NodeChangeField =
  | 'identity'
  | 'labels'
  | 'taints'
  | 'unschedulable'
  | 'conditions'
  | 'capacity'
  | 'allocatable'
  | 'addresses'
  | 'nodeInfo';

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** Order-insensitive comparison of lists by a canonical key per item. */
function sameSet<T>(a: readonly T[], b: readonly T[], keyOf: (item: T) => string): boolean {
  if (a.length !== b.length) return false;
  const ka = a.map(keyOf).sort();
  const kb = b.map(keyOf).sort();
  return ka.every((k, i) => k === kb[i]);
}

const taintKey = (t: NodeSummary['taints'][number]): string => JSON.stringify([t.key, t.value ?? '', t.effect, t.timeAdded ?? '']);
// Condition heartbeat and transition times are not compared: a condition changes when its type,
// status, reason or message does (kubelet refreshes heartbeats without any change).
const conditionKey = (c: NodeSummary['conditions'][number]): string => JSON.stringify([c.type, c.status, c.reason ?? '', c.message ?? '']);
const addressKey = (a: NodeSummary['addresses'][number]): string => `${a.type}\u0000${a.address}`;

/**
 * The significant differences between two summaries of the same node, empty when none:
 * labels, taints, unschedulable, conditions (type, status, reason, message), capacity,
 * allocatable, addresses, nodeInfo, and identity (uid/creationTimestamp: the node was recreated).
 * resourceVersion, annotations and heartbeat/transition times alone are not changes.
 */
export function significantChanges(previous: NodeSummary, next: NodeSummary): NodeChangeField[] {
  const out: NodeChangeField[] = [];
  if (previous.uid !== next.uid || previous.creationTimestamp !== next.creationTimestamp) out.push('identity');
  if (!sameRecord(previous.labels, next.labels)) out.push('labels');
  if (!sameSet(previous.taints, next.taints, taintKey)) out.push('taints');
  if (previous.unschedulable !== next.unschedulable) out.push('unschedulable');
  if (!sameSet(previous.conditions, next.conditions, conditionKey)) out.push('conditions');
  if (!sameRecord(previous.capacity, next.capacity)) out.push('capacity');
  if (!sameRecord(previous.allocatable, next.allocatable)) out.push('allocatable');
  if (!sameSet(previous.addresses, next.addresses, addressKey)) out.push('addresses');
  if (!sameRecord(previous.nodeInfo, next.nodeInfo)) out.push('nodeInfo');
  return out;
}
