import type { KubeObject } from '../api/types';
import type { FieldGetter } from '../selectors/field-selector';

/** What discovery and the REST layer need to know about one resource (an APIResource plus rules). */
export interface ResourceDefinition {
  /** API group, '' for core. */
  group: string;
  version: string;
  /** Plural resource name, e.g. `nodes`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Fields the resource's field selector supports (apiserver's per-resource field label conversion). */
  fields: ReadonlyMap<string, FieldGetter>;
  /** Subresources served, e.g. `status`, `eviction`. */
  subresources: string[];
  categories?: string[];
}

/** `group/version` as it appears in apiVersion. */
export function groupVersion(def: ResourceDefinition): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

const name: FieldGetter = (o) => o.metadata.name;
const namespace: FieldGetter = (o) => o.metadata.namespace ?? '';
const path =
  (...keys: string[]): FieldGetter =>
  (o) => {
    let v: unknown = o;
    for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return v === undefined || v === null ? '' : String(v);
  };
const metaFields = (namespaced: boolean): [string, FieldGetter][] =>
  namespaced ? [['metadata.name', name], ['metadata.namespace', namespace]] : [['metadata.name', name]];

const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** core/v1 nodes; field labels from pkg/registry/core/node/strategy.go (NodeToSelectableFields). */
export const NODES: ResourceDefinition = {
  group: '', version: 'v1', resource: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'],
  verbs: READ_WRITE, subresources: ['status'],
  fields: new Map([...metaFields(false), ['spec.unschedulable', (o: KubeObject) => String(Boolean((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable))]]),
};

/** core/v1 pods; field labels from pkg/registry/core/pod/strategy.go (PodToSelectableFields). */
export const PODS: ResourceDefinition = {
  group: '', version: 'v1', resource: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'],
  verbs: READ_WRITE, subresources: ['status', 'eviction'], categories: ['all'],
  fields: new Map([
    ...metaFields(true),
    ['spec.nodeName', path('spec', 'nodeName')],
    ['spec.restartPolicy', path('spec', 'restartPolicy')],
    ['spec.schedulerName', path('spec', 'schedulerName')],
    ['spec.serviceAccountName', path('spec', 'serviceAccountName')],
    ['spec.hostNetwork', (o: KubeObject) => String(Boolean((o.spec as { hostNetwork?: boolean }).hostNetwork))],
    ['status.phase', path('status', 'phase')],
    ['status.podIP', path('status', 'podIP')],
    ['status.nominatedNodeName', path('status', 'nominatedNodeName')],
  ]),
};

/** core/v1 namespaces. */
export const NAMESPACES: ResourceDefinition = {
  group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status'],
  fields: new Map([...metaFields(false), ['status.phase', path('status', 'phase')]]),
};

const apps = (resource: string, singular: string, kind: string, shortNames: string[]): ResourceDefinition => ({
  group: 'apps', version: 'v1', resource, singular, kind, namespaced: true, shortNames, verbs: READ_WRITE,
  subresources: ['status'], categories: ['all'], fields: new Map(metaFields(true)),
});

/** apps/v1 workload controllers (served read-mostly; pods are what the simulator animates). */
export const DAEMON_SETS = apps('daemonsets', 'daemonset', 'DaemonSet', ['ds']);
export const REPLICA_SETS = apps('replicasets', 'replicaset', 'ReplicaSet', ['rs']);
export const STATEFUL_SETS = apps('statefulsets', 'statefulset', 'StatefulSet', ['sts']);
export const DEPLOYMENTS = apps('deployments', 'deployment', 'Deployment', ['deploy']);

/** policy/v1 poddisruptionbudgets. */
export const POD_DISRUPTION_BUDGETS: ResourceDefinition = {
  group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', kind: 'PodDisruptionBudget',
  namespaced: true, shortNames: ['pdb'], verbs: READ_WRITE, subresources: ['status'], fields: new Map(metaFields(true)),
};

/**
 * core/v1 events; field labels from pkg/registry/core/event/strategy.go (EventToSelectableFields):
 * `source` is source.component (or reportingComponent when empty).
 */
export const EVENTS: ResourceDefinition = {
  group: '', version: 'v1', resource: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'],
  verbs: READ_WRITE, subresources: [],
  fields: new Map([
    ...metaFields(true),
    ...['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'].map((f): [string, FieldGetter] => [`involvedObject.${f}`, path('involvedObject', f)]),
    ['reason', path('reason')],
    ['reportingComponent', path('reportingComponent')],
    ['type', path('type')],
    ['source', (o: KubeObject) => path('source', 'component')(o) || path('reportingComponent')(o)],
  ]),
};

/** coordination.k8s.io/v1 leases (the kubelets' node leases in kube-node-lease). */
export const LEASES: ResourceDefinition = {
  group: 'coordination.k8s.io', version: 'v1', resource: 'leases', singular: 'lease', kind: 'Lease', namespaced: true, shortNames: [],
  verbs: READ_WRITE, subresources: [], fields: new Map(metaFields(true)),
};

/** Every resource the simulator serves, in discovery order. */
export const ALL_RESOURCES: readonly ResourceDefinition[] = [
  NAMESPACES, NODES, PODS, EVENTS, DAEMON_SETS, DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS, POD_DISRUPTION_BUDGETS, LEASES,
];
