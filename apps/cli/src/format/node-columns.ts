import type { NodeSummary } from '@knm/contracts';
import { age } from './human-duration';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/**
 * STATUS as kubectl prints it (kubernetes pkg/printers/internalversion printNode): `Ready` when
 * the Ready condition is True, `NotReady` when it is False or Unknown, `Unknown` without one;
 * `,SchedulingDisabled` appended for a cordoned node.
 */
export function nodeStatus(node: Pick<NodeSummary, 'conditions' | 'unschedulable'>): string {
  const ready = node.conditions.find((c) => c.type === 'Ready');
  const base = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  return node.unschedulable ? `${base},SchedulingDisabled` : base;
}

/**
 * ROLES as kubectl prints them (printers.go findNodeRoles): the suffixes of
 * `node-role.kubernetes.io/<role>` labels and the value of `kubernetes.io/role`, sorted and
 * comma-joined, `<none>` without any.
 */
export function nodeRoles(labels: Record<string, string>): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith(ROLE_LABEL_PREFIX) && k.length > ROLE_LABEL_PREFIX.length) roles.add(k.slice(ROLE_LABEL_PREFIX.length));
    else if (k === LEGACY_ROLE_LABEL && v !== '') roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

const address = (node: NodeSummary, type: string): string => node.addresses.find((a) => a.type === type)?.address ?? '<none>';
const orUnknown = (s: string | undefined): string => (s ? s : '<unknown>');

export const NODE_HEADERS = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'] as const;
export const NODE_WIDE_HEADERS = [...NODE_HEADERS, 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] as const;

/** One `kubectl get nodes` row (`wide` adds kubectl's -o wide columns); AGE at `nowMs`. */
export function nodeRow(node: NodeSummary, nowMs: number, wide: boolean): string[] {
  const row = [node.name, nodeStatus(node), nodeRoles(node.labels), age(node.creationTimestamp, nowMs), node.nodeInfo.kubeletVersion];
  if (!wide) return row;
  const info = node.nodeInfo;
  return [...row, address(node, 'InternalIP'), address(node, 'ExternalIP'), orUnknown(info.osImage), orUnknown(info.kernelVersion), orUnknown(info.containerRuntimeVersion)];
}
