import type { Node, NodeCondition, Taint } from '../api/types';
import { EVENT_SOURCES, controllerNodeRef, kubeletNodeRef, type EventSpec } from '../events/event-recorder';

/** A node condition status. */
export type ConditionStatus = NodeCondition['status'];

/** The conditions the kubelet reports and the node lifecycle controller sets to Unknown when the kubelet goes silent. */
export const KUBELET_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'] as const;

/** The condition types the fault API names explicitly (any other type is accepted as a custom condition). */
export const KNOWN_CONDITIONS = [...KUBELET_CONDITIONS, 'NetworkUnavailable'] as const;

/** Taint keys the node lifecycle controller owns (k8s.io/api core/v1 well_known_taints.go). */
export const CONTROLLER_TAINTS = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  unschedulable: 'node.kubernetes.io/unschedulable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

/**
 * Reason and message the kubelet (pkg/kubelet/nodestatus/setters.go) or, for NetworkUnavailable,
 * the route controller writes for a condition status. Custom types get `<Type>` / `No<Type>`.
 */
export function defaultConditionText(type: string, status: ConditionStatus): { reason: string; message: string } {
  if (status === 'Unknown') return { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
  const on = status === 'True';
  switch (type) {
    case 'Ready':
      return on
        ? { reason: 'KubeletReady', message: 'kubelet is posting ready status' }
        : { reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' };
    case 'MemoryPressure':
      return on ? { reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' } : { reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' };
    case 'DiskPressure':
      return on ? { reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure' } : { reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' };
    case 'PIDPressure':
      return on ? { reason: 'KubeletHasInsufficientPID', message: 'kubelet has insufficient PID available' } : { reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' };
    case 'NetworkUnavailable':
      return on ? { reason: 'NoRouteCreated', message: 'Node created without a route' } : { reason: 'RouteCreated', message: 'RouteController created a route' };
    default:
      return on ? { reason: type, message: `${type} is true` } : { reason: `No${type}`, message: `${type} is false` };
  }
}

/** The healthy kubelet report: Ready True, no pressure. */
export function healthyCondition(type: string, now: string): NodeCondition {
  const status: ConditionStatus = type === 'Ready' ? 'True' : 'False';
  return { type, status, lastHeartbeatTime: now, lastTransitionTime: now, ...defaultConditionText(type, status) };
}

/**
 * Sets one condition as a status post does: lastTransitionTime moves only when the status changes,
 * lastHeartbeatTime is `now` for every condition in `heartbeat` (what the poster reports). Returns
 * a new list (the condition is appended when absent).
 */
export function withCondition(conditions: readonly NodeCondition[], change: { type: string; status: ConditionStatus; reason?: string; message?: string }, now: string, heartbeat: readonly string[]): NodeCondition[] {
  const text = defaultConditionText(change.type, change.status);
  const next = conditions.map((c) => (heartbeat.includes(c.type) ? { ...c, lastHeartbeatTime: now } : { ...c }));
  const updated = (old: NodeCondition | undefined): NodeCondition => ({
    type: change.type,
    status: change.status,
    lastHeartbeatTime: now,
    lastTransitionTime: old && old.status === change.status && old.lastTransitionTime ? old.lastTransitionTime : now,
    reason: change.reason ?? text.reason,
    message: change.message ?? text.message,
  });
  const i = next.findIndex((c) => c.type === change.type);
  if (i >= 0) next[i] = updated(next[i]);
  else next.push(updated(undefined));
  return next;
}

/**
 * What the node lifecycle controller writes when the kubelet stops posting status
 * (pkg/controller/nodelifecycle tryUpdateNodeHealth): every kubelet condition Unknown with reason
 * NodeStatusUnknown, heartbeat kept, transition now; other conditions untouched.
 */
export function unknownConditions(conditions: readonly NodeCondition[], now: string): NodeCondition[] {
  const text = defaultConditionText('Ready', 'Unknown');
  const out = conditions.map((c) =>
    (KUBELET_CONDITIONS as readonly string[]).includes(c.type) ? { ...c, status: 'Unknown' as const, ...text, lastTransitionTime: c.status === 'Unknown' ? c.lastTransitionTime : now } : { ...c },
  );
  for (const type of KUBELET_CONDITIONS) if (!out.some((c) => c.type === type)) out.push({ type, status: 'Unknown', lastTransitionTime: now, ...text });
  return out;
}

/** The status of condition `type`, or undefined when the node does not report it. */
export function conditionStatus(node: Node, type: string): ConditionStatus | undefined {
  return node.status?.conditions?.find((c) => c.type === type)?.status;
}

/**
 * The taints the node lifecycle controller keeps on a node for its state
 * (nodelifecycle nodeConditionToTaintKeyStatusMap, taint-based eviction and TaintNodesByCondition):
 * Ready False -> not-ready NoSchedule + NoExecute; Ready Unknown or absent -> unreachable
 * NoSchedule + NoExecute; MemoryPressure/DiskPressure/PIDPressure/NetworkUnavailable True ->
 * their NoSchedule taint; spec.unschedulable -> unschedulable NoSchedule.
 */
export function desiredControllerTaints(node: Node): { key: string; effect: string }[] {
  const want: { key: string; effect: string }[] = [];
  const ready = conditionStatus(node, 'Ready') ?? 'Unknown';
  if (node.spec.unschedulable) want.push({ key: CONTROLLER_TAINTS.unschedulable, effect: 'NoSchedule' });
  if (ready === 'False') want.push({ key: CONTROLLER_TAINTS.notReady, effect: 'NoSchedule' }, { key: CONTROLLER_TAINTS.notReady, effect: 'NoExecute' });
  if (ready === 'Unknown') want.push({ key: CONTROLLER_TAINTS.unreachable, effect: 'NoSchedule' }, { key: CONTROLLER_TAINTS.unreachable, effect: 'NoExecute' });
  const pressure: [string, string][] = [['MemoryPressure', CONTROLLER_TAINTS.memoryPressure], ['DiskPressure', CONTROLLER_TAINTS.diskPressure], ['PIDPressure', CONTROLLER_TAINTS.pidPressure], ['NetworkUnavailable', CONTROLLER_TAINTS.networkUnavailable]];
  for (const [type, key] of pressure) if (conditionStatus(node, type) === 'True') want.push({ key, effect: 'NoSchedule' });
  return want;
}

/** Merges the controller's taints into `existing`: other taints kept, owned ones added/removed, a kept taint keeps its timeAdded. */
export function reconcileControllerTaints(existing: readonly Taint[], want: readonly { key: string; effect: string }[], now: string): Taint[] {
  const owned = new Set<string>(Object.values(CONTROLLER_TAINTS));
  const keep = existing.filter((t) => !owned.has(t.key));
  const carry = (w: { key: string; effect: string }): Taint => existing.find((t) => t.key === w.key && t.effect === w.effect) ?? { ...w, ...(w.effect === 'NoExecute' ? { timeAdded: now } : {}) };
  return [...keep, ...want.map(carry)];
}

const PRESSURE_EVENTS: Record<string, [string, string]> = {
  MemoryPressure: ['NodeHasInsufficientMemory', 'NodeHasSufficientMemory'],
  DiskPressure: ['NodeHasDiskPressure', 'NodeHasNoDiskPressure'],
  PIDPressure: ['NodeHasInsufficientPID', 'NodeHasSufficientPID'],
};

/**
 * The events a kubelet and the node lifecycle controller record for a node write `old -> node`:
 * kubelet `Starting` and Warning `Rebooted` on a new bootID; `NodeNotReady` from the node
 * controller when Ready turns Unknown, from the kubelet when it turns False; kubelet `NodeReady`;
 * the pressure events (NodeHasInsufficientMemory / NodeHasSufficientMemory, ...);
 * `NodeNotSchedulable` / `NodeSchedulable` when spec.unschedulable changes. Messages follow
 * kubelet's "Node <name> status is now: <reason>".
 */
export function nodeEventsFor(node: Node, old: Node | undefined): EventSpec[] {
  if (!old) return [];
  const name = node.metadata.name;
  const kubelet = (reason: string, type: 'Normal' | 'Warning' = 'Normal', message = `Node ${name} status is now: ${reason}`): EventSpec => ({ involvedObject: kubeletNodeRef(name), type, reason, message, source: EVENT_SOURCES.kubelet(name) });
  const out: EventSpec[] = [];
  const bootID = node.status?.nodeInfo?.bootID;
  if (bootID && old.status?.nodeInfo?.bootID && bootID !== old.status.nodeInfo.bootID) {
    out.push(kubelet('Starting', 'Normal', 'Starting kubelet.'), kubelet('Rebooted', 'Warning', `Node ${name} has been rebooted, boot id: ${bootID}`));
  }
  for (const [type, [bad, good]] of Object.entries(PRESSURE_EVENTS)) {
    const now = conditionStatus(node, type);
    if (now === conditionStatus(old, type) || now === undefined || now === 'Unknown') continue;
    out.push(kubelet(now === 'True' ? bad : good));
  }
  const ready = conditionStatus(node, 'Ready');
  if (ready !== conditionStatus(old, 'Ready')) {
    if (ready === 'Unknown') out.push({ involvedObject: controllerNodeRef(node), type: 'Normal', reason: 'NodeNotReady', message: `Node ${name} status is now: NodeNotReady`, source: EVENT_SOURCES.nodeController });
    else if (ready === 'False') out.push(kubelet('NodeNotReady'));
    else if (ready === 'True') out.push(kubelet('NodeReady'));
  }
  if (Boolean(node.spec?.unschedulable) !== Boolean(old.spec?.unschedulable)) out.push(kubelet(node.spec.unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable'));
  return out;
}
