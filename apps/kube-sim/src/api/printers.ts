import type { CoreEvent, KubeObject, Node, Pod, PodDisruptionBudget } from './types';
import { AGE_COLUMN, NAME_COLUMN, age, column, type TableConvertor } from './table';

/** Node status column: Ready/NotReady/Unknown plus `,SchedulingDisabled` (printers.go printNode). */
export function nodeStatusText(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const base = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return node.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
}

/** Roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, `<none>` when absent. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const address = (node: Node, type: string): string => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

/** `kubectl get nodes` columns (k8s.io/kubernetes pkg/printers/internalversion printers.go, nodeColumnDefinitions). */
export const NODE_TABLE: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'string', 'List of internal IPs in the node.', 1),
    column('External-IP', 'string', 'List of external IPs in the node.', 1),
    column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    column('Container-Runtime', 'string', 'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  cells: (obj, now) => {
    const node = obj as Node;
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name, nodeStatusText(node), nodeRoles(node), age(node.metadata.creationTimestamp, now), info.kubeletVersion ?? '',
      address(node, 'InternalIP'), address(node, 'ExternalIP'), info.osImage ?? '<unknown>', info.kernelVersion ?? '<unknown>', info.containerRuntimeVersion ?? '<unknown>',
    ];
  },
};

/** Pod STATUS column: Terminating, Completed, Error, container waiting reasons, else the phase (printPod). */
export function podStatusText(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const reason = pod.status?.reason;
  if (typeof reason === 'string' && reason) return reason;
  const statuses = pod.status?.containerStatuses ?? [];
  for (const cs of statuses) {
    const state = cs.state as { waiting?: { reason?: string }; terminated?: { reason?: string } } | undefined;
    if (state?.waiting?.reason) return state.waiting.reason;
    if (state?.terminated?.reason) return state.terminated.reason;
  }
  return pod.status?.phase ?? 'Unknown';
}

/** `kubectl get pods` columns (printers.go podColumnDefinitions). */
export const POD_TABLE: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE_COLUMN,
    column('IP', 'string', 'IP address allocated to the pod.', 1),
    column('Node', 'string', 'Name of the node assigned to this pod.', 1),
    column('Nominated Node', 'string', 'Name of the node nominated for this pod.', 1),
    column('Readiness Gates', 'string', 'The readiness gates for this pod.', 1),
  ],
  cells: (obj, now) => {
    const pod = obj as Pod;
    const statuses = pod.status?.containerStatuses ?? [];
    const ready = statuses.filter((c) => c.ready).length;
    const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
    return [
      pod.metadata.name, `${ready}/${pod.spec?.containers?.length ?? 0}`, podStatusText(pod), String(restarts), age(pod.metadata.creationTimestamp, now),
      pod.status?.podIP ?? '<none>', pod.spec?.nodeName ?? '<none>', '<none>', '<none>',
    ];
  },
};

/** `kubectl get pdb` columns (printers.go podDisruptionBudgetColumnDefinitions). */
export const PDB_TABLE: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  cells: (obj, now) => {
    const pdb = obj as PodDisruptionBudget;
    return [
      pdb.metadata.name, pdb.spec.minAvailable === undefined ? 'N/A' : String(pdb.spec.minAvailable),
      pdb.spec.maxUnavailable === undefined ? 'N/A' : String(pdb.spec.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, age(pdb.metadata.creationTimestamp, now),
    ];
  },
};

/** `kubectl get namespaces` columns: Name, Status, Age. */
export const NAMESPACE_TABLE: TableConvertor = {
  columns: [NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN],
  cells: (obj, now) => [obj.metadata.name, String((obj.status as { phase?: string } | undefined)?.phase ?? 'Active'), age(obj.metadata.creationTimestamp, now)],
};

/**
 * `kubectl get events` columns (printers.go eventColumnDefinitions and printEvent, generated wide
 * as the apiserver does; kubectl hides priority-1 columns without `-o wide`). Object is
 * `<lowercase kind>/<name>`; Source is `component, host`.
 */
export const EVENT_TABLE: TableConvertor = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    column('Object', 'string', 'The object that this event is about.'),
    column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.', 1),
    column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
    column('Count', 'string', 'The number of times this event has occurred.', 1),
    column('Name', 'string', 'Name must be unique within a namespace.', 1, 'name'),
  ],
  cells: (obj, now) => {
    const e = obj as CoreEvent;
    const first = age(e.firstTimestamp, now);
    const last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
    const target = e.involvedObject?.name ? `${String(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name}` : String(e.involvedObject?.kind ?? '').toLowerCase();
    const component = e.source?.component || e.reportingComponent || '';
    const host = e.source?.host || e.reportingInstance || '';
    return [last, e.type ?? '', e.reason ?? '', target, e.involvedObject?.fieldPath ?? '', host ? `${component}, ${host}` : component, String(e.message ?? '').trim(), first, e.count || 1, e.metadata.name];
  },
};

/** `kubectl get leases` columns (printers.go leaseColumnDefinitions): Name, Holder, Age. */
export const LEASE_TABLE: TableConvertor = {
  columns: [NAME_COLUMN, column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'), AGE_COLUMN],
  cells: (obj, now) => [obj.metadata.name, String((obj.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? ''), age(obj.metadata.creationTimestamp, now)],
};
