/**
 * The subset of Kubernetes object shapes the simulator stores and serves (core/v1, apps/v1,
 * policy/v1, meta/v1). Objects are plain JSON; fields the simulator does not interpret are kept
 * as they were written.
 */

/** meta/v1 OwnerReference. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** meta/v1 ObjectMeta (the fields the simulator reads or sets). */
export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generation?: number;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [field: string]: unknown;
}

/** Any stored object: `apiVersion`, `kind`, `metadata` and free-form other fields. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A JSON value, as patches and request bodies carry them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** core/v1 Taint. `timeAdded` is RFC 3339. */
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** core/v1 NodeCondition. */
export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** core/v1 Node. */
export interface Node extends KubeObject {
  spec: { unschedulable?: boolean; taints?: Taint[]; podCIDR?: string; podCIDRs?: string[]; providerID?: string };
  status: {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: NodeCondition[];
    addresses: { type: string; address: string }[];
    nodeInfo: Record<string, string>;
    daemonEndpoints?: { kubeletEndpoint: { Port: number } };
  };
}

/** core/v1 Toleration. */
export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** core/v1 PodCondition. */
export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  reason?: string;
}

/** core/v1 Pod (the fields the simulator reads or sets). */
export interface Pod extends KubeObject {
  spec: {
    nodeName?: string;
    containers: { name: string; image: string; [field: string]: unknown }[];
    volumes?: { name: string; emptyDir?: Record<string, unknown>; [field: string]: unknown }[];
    tolerations?: Toleration[];
    terminationGracePeriodSeconds?: number;
    [field: string]: unknown;
  };
  status: {
    phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    conditions?: PodCondition[];
    hostIP?: string;
    podIP?: string;
    startTime?: string;
    containerStatuses?: { name: string; ready: boolean; restartCount: number; [field: string]: unknown }[];
    [field: string]: unknown;
  };
}

/** meta/v1 LabelSelector. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** policy/v1 PodDisruptionBudget. `minAvailable`/`maxUnavailable` are an int or a percentage string. */
export interface PodDisruptionBudget extends KubeObject {
  spec: { selector?: LabelSelectorSpec; minAvailable?: number | string; maxUnavailable?: number | string; unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow' };
  status?: {
    observedGeneration?: number;
    disruptionsAllowed: number;
    currentHealthy: number;
    desiredHealthy: number;
    expectedPods: number;
    disruptedPods?: Record<string, string>;
    conditions?: { type: string; status: string; reason: string; message: string; lastTransitionTime: string; observedGeneration?: number }[];
  };
}

/** apps/v1 workload controllers as the simulator keeps them (ReplicaSet, StatefulSet, DaemonSet, Deployment). */
export interface WorkloadController extends KubeObject {
  spec: { replicas?: number; selector: LabelSelectorSpec; template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> }; [field: string]: unknown };
  status: Record<string, unknown>;
}

/** core/v1 ObjectReference as events carry it in `involvedObject`. */
export interface ObjectReference {
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 Event (the legacy event API that kubelet and controllers write and kubectl reads). Times RFC 3339. */
export interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: 'Normal' | 'Warning';
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}
