import type { V1Node } from '@kubernetes/client-node';
import type { ConditionStatus, NodeConditionSummary, NodeReadiness, NodeSummary, Taint, TaintEffect } from '@knm/contracts';

/** Role label prefix (`node-role.kubernetes.io/<role>`) and the legacy `kubernetes.io/role=<role>` label, as kubectl reads them. */
const ROLE_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** Roles from labels, mirroring kubectl's findNodeRoles (kubectl pkg/describe + printers): sorted, unique. */
export function nodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
    else if (key === LEGACY_ROLE_LABEL && value) roles.add(value);
  }
  return [...roles].sort();
}

/** Ready=True -> Ready, Ready=False -> NotReady, otherwise Unknown (as `kubectl get nodes` STATUS). */
export function nodeReadiness(conditions: NodeConditionSummary[]): NodeReadiness {
  const ready = conditions.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return 'Ready';
  if (ready?.status === 'False') return 'NotReady';
  return 'Unknown';
}

const iso = (d: Date | string | undefined): string | undefined =>
  d === undefined ? undefined : d instanceof Date ? d.toISOString() : String(d);

function conditionsOf(node: V1Node): NodeConditionSummary[] {
  return (node.status?.conditions ?? []).map((c) => {
    const out: NodeConditionSummary = { type: c.type, status: c.status as ConditionStatus };
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    const t = iso(c.lastTransitionTime);
    if (t) out.lastTransitionTime = t;
    return out;
  });
}

function taintsOf(node: V1Node): Taint[] {
  return (node.spec?.taints ?? []).map((t) => {
    const out: Taint = { key: t.key, effect: t.effect as TaintEffect };
    if (t.value) out.value = t.value;
    const added = iso(t.timeAdded);
    if (added) out.timeAdded = added;
    return out;
  });
}

/**
 * The compact summary of a core/v1 Node: what the cache indexes and the API returns. Heartbeat
 * times are dropped (they are not a change, TECH-NOTES 2); quantities stay Kubernetes strings.
 */
export function toNodeSummary(node: V1Node): NodeSummary {
  const labels = { ...(node.metadata?.labels ?? {}) };
  const conditions = conditionsOf(node);
  const info = node.status?.nodeInfo;
  return {
    name: node.metadata?.name ?? '',
    uid: node.metadata?.uid ?? '',
    resourceVersion: node.metadata?.resourceVersion ?? '',
    creationTimestamp: iso(node.metadata?.creationTimestamp) ?? '',
    labels,
    annotations: { ...(node.metadata?.annotations ?? {}) },
    taints: taintsOf(node),
    unschedulable: node.spec?.unschedulable === true,
    readiness: nodeReadiness(conditions),
    conditions,
    roles: nodeRoles(labels),
    capacity: { ...(node.status?.capacity ?? {}) },
    allocatable: { ...(node.status?.allocatable ?? {}) },
    addresses: (node.status?.addresses ?? []).map((a) => ({ type: a.type, address: a.address })),
    nodeInfo: {
      kubeletVersion: info?.kubeletVersion ?? '',
      osImage: info?.osImage ?? '',
      containerRuntimeVersion: info?.containerRuntimeVersion ?? '',
      kernelVersion: info?.kernelVersion ?? '',
      architecture: info?.architecture ?? '',
      operatingSystem: info?.operatingSystem ?? '',
    },
  };
}
