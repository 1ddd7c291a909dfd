import type { Node, NodeCondition, Taint } from '../api/types';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../api/discovery';
import { createRandom, type Random } from '../util/random';

/** Options of the generated node set. */
export interface NodeGeneratorOptions {
  /** Number of nodes (>= 0). The first min(3, count) are control-plane nodes. */
  count: number;
  seed: number | string;
  /** Reference time: creation timestamps lie before it, condition times near it. */
  now: Date;
  /** The control plane's version; most kubelets run it (default v1.32.4). */
  kubernetesVersion?: string;
  /** Share of workers on the previous minor version's kubelet (version skew, default 0.1). */
  olderKubeletShare?: number;
  /** Availability zones of the region the nodes spread over (1-6, default 3). */
  zones?: number;
}

interface InstanceType {
  name: string;
  cpu: number;
  memoryGi: number;
  arch: 'amd64' | 'arm64';
  gpus?: number;
}

const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-1'];
const WORKER_TYPES: InstanceType[] = [
  { name: 'm5.xlarge', cpu: 4, memoryGi: 16, arch: 'amd64' },
  { name: 'm5.2xlarge', cpu: 8, memoryGi: 32, arch: 'amd64' },
  { name: 'c5.4xlarge', cpu: 16, memoryGi: 32, arch: 'amd64' },
  { name: 'r5.2xlarge', cpu: 8, memoryGi: 64, arch: 'amd64' },
  { name: 'm6g.2xlarge', cpu: 8, memoryGi: 32, arch: 'arm64' },
];
const CONTROL_PLANE_TYPE: InstanceType = { name: 'm5.large', cpu: 2, memoryGi: 8, arch: 'amd64' };
const INFRA_TYPE: InstanceType = { name: 'm5.2xlarge', cpu: 8, memoryGi: 32, arch: 'amd64' };
const GPU_TYPE: InstanceType = { name: 'g5.2xlarge', cpu: 8, memoryGi: 32, arch: 'amd64', gpus: 1 };
/** The kubelet version of an upgrade in progress: the previous minor of `version`. */
export function olderKubeletVersion(version: string): string {
  const v = parseKubernetesVersion(version);
  return `v${v.major}.${Math.max(0, v.minor - 1)}.8`;
}

type Role = 'control-plane' | 'worker' | 'infra' | 'gpu';
type Health = 'Ready' | 'NotReady' | 'Unknown';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** How many of `n` workers get an anomaly of share `p`: none for tiny clusters, else at least one. */
const share = (n: number, p: number): number => (n < 8 ? 0 : Math.max(1, Math.round(n * p)));

/**
 * Generates a realistic, deterministic node set (same seed, count and `now` -> same nodes):
 * 3 control-plane nodes tainted node-role.kubernetes.io/control-plane:NoSchedule, a few infra
 * and GPU nodes with custom taints, workers across 3 zones of one region, ~10% on an older
 * kubelet, and a few NotReady / Unknown nodes (with the node lifecycle controller's
 * not-ready / unreachable taints) and cordoned nodes (spec.unschedulable + unschedulable taint).
 */
export function generateNodes(options: NodeGeneratorOptions): Node[] {
  const random = createRandom(options.seed).fork('nodes');
  const region = random.pick(REGIONS);
  const zones = ['a', 'b', 'c', 'd', 'e', 'f'].slice(0, Math.min(6, Math.max(1, Math.floor(options.zones ?? 3)))).map((z) => `${region}${z}`);
  const current = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const versions = { current, older: olderKubeletVersion(current), olderShare: options.olderKubeletShare ?? 0.1 };
  const n = Math.max(0, Math.floor(options.count));
  const controlPlanes = Math.min(3, n);
  const workers = n - controlPlanes;
  const roles: Role[] = [];
  for (let i = 0; i < n; i++) roles.push(i < controlPlanes ? 'control-plane' : 'worker');
  const workerIndexes = roles.map((_, i) => i).filter((i) => i >= controlPlanes);
  const takeWorkers = (count: number): number[] => {
    const out: number[] = [];
    while (out.length < count && out.length < workerIndexes.length) {
      const idx = workerIndexes[random.int(0, workerIndexes.length - 1)];
      if (!out.includes(idx)) out.push(idx);
    }
    return out;
  };
  for (const i of takeWorkers(share(workers, 0.04))) roles[i] = 'infra';
  for (const i of takeWorkers(share(workers, 0.03))) if (roles[i] === 'worker') roles[i] = 'gpu';
  const health: Health[] = roles.map(() => 'Ready');
  for (const i of takeWorkers(share(workers, 0.02))) health[i] = 'NotReady';
  for (const i of takeWorkers(share(workers, 0.01))) if (health[i] === 'Ready') health[i] = 'Unknown';
  const cordoned = new Set(takeWorkers(share(workers, 0.03)));
  const usedIps = new Set<string>();
  return roles.map((role, i) => buildNode(random, options.now, { role, health: health[i], cordoned: cordoned.has(i), zone: zones[i % zones.length], zoneIndex: i % zones.length, region, usedIps, versions }));
}

interface NodePlan {
  role: Role;
  health: Health;
  cordoned: boolean;
  zone: string;
  zoneIndex: number;
  region: string;
  usedIps: Set<string>;
  versions: { current: string; older: string; olderShare: number };
}

function buildNode(random: Random, now: Date, plan: NodePlan): Node {
  let ip: string;
  do ip = `10.${random.int(0, 3) * 16 + plan.zoneIndex}.${random.int(0, 255)}.${random.int(2, 254)}`;
  while (plan.usedIps.has(ip));
  plan.usedIps.add(ip);
  const name = `ip-${ip.replace(/\./g, '-')}.${plan.region}.compute.internal`;
  const type = plan.role === 'control-plane' ? CONTROL_PLANE_TYPE : plan.role === 'infra' ? INFRA_TYPE : plan.role === 'gpu' ? GPU_TYPE : random.pick(WORKER_TYPES);
  const ageDays = plan.role === 'control-plane' ? random.int(300, 420) : random.int(0, 200);
  const created = new Date(now.getTime() - ageDays * 86_400_000 - random.int(0, 86_399) * 1000);
  const kubeletVersion = plan.role !== 'control-plane' && random.chance(plan.versions.olderShare) ? plan.versions.older : plan.versions.current;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': type.arch,
    'beta.kubernetes.io/instance-type': type.name,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': type.arch,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': type.name,
    'topology.kubernetes.io/region': plan.region,
    'topology.kubernetes.io/zone': plan.zone,
  };
  const taints: Taint[] = [];
  if (plan.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  } else {
    labels['node-role.kubernetes.io/worker'] = '';
    labels['node-pool'] = plan.role === 'worker' ? 'general' : plan.role;
    if (plan.role === 'infra') {
      labels['node-role.kubernetes.io/infra'] = '';
      taints.push({ key: 'node-role.kubernetes.io/infra', effect: 'NoSchedule' });
    }
    if (plan.role === 'gpu') {
      labels['nvidia.com/gpu.present'] = 'true';
      taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
    }
  }
  const transition = new Date(now.getTime() - random.int(60, 3600 * 24 * 7) * 1000);
  const conditions = nodeConditions(plan.health, now, plan.health === 'Ready' ? created : transition);
  if (plan.health === 'NotReady') {
    taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: rfc3339(transition) });
  } else if (plan.health === 'Unknown') {
    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: rfc3339(transition) });
  }
  if (plan.cordoned) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: rfc3339(transition) });
  const memoryKi = type.memoryGi * 1024 * 1024 - random.int(200_000, 400_000);
  const capacity: Record<string, string> = {
    cpu: String(type.cpu),
    'ephemeral-storage': '104845292Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memoryKi}Ki`,
    pods: '110',
  };
  if (type.gpus) capacity['nvidia.com/gpu'] = String(type.gpus);
  const allocatable = { ...capacity, cpu: `${type.cpu * 1000 - 80}m`, 'ephemeral-storage': '95551679124', memory: `${memoryKi - 753_000}Ki` };
  const podCidr = `100.${64 + random.int(0, 63)}.${random.int(0, 255)}.0/24`;
  const instanceId = `i-0${random.hex(16)}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: random.uuid(),
      resourceVersion: '0',
      creationTimestamp: rfc3339(created),
      labels,
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': ip,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: podCidr,
      podCIDRs: [podCidr],
      providerID: `aws:///${plan.zone}/${instanceId}`,
      ...(plan.cordoned ? { unschedulable: true } : {}),
      ...(taints.length ? { taints } : {}),
    },
    status: {
      capacity,
      allocatable,
      conditions,
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'InternalDNS', address: name },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: random.hex(32),
        systemUUID: `ec2${random.hex(5)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
        bootID: random.uuid(),
        kernelVersion: type.arch === 'arm64' ? '6.1.128-136.201.amzn2023.aarch64' : '6.1.128-136.201.amzn2023.x86_64',
        osImage: 'Amazon Linux 2023.6.20250218',
        containerRuntimeVersion: 'containerd://1.7.25',
        kubeletVersion,
        kubeProxyVersion: kubeletVersion,
        operatingSystem: 'linux',
        architecture: type.arch,
      },
    },
  };
}

/**
 * The node conditions a kubelet reports (pkg/kubelet/nodestatus/setters.go): Ready plus the
 * pressure conditions; `Unknown` is what the node lifecycle controller writes when the kubelet
 * stopped posting status.
 */
export function nodeConditions(health: Health, now: Date, transition: Date): NodeCondition[] {
  const hb = rfc3339(now);
  const tr = rfc3339(transition);
  if (health === 'Unknown') {
    // The kubelet's last heartbeat came a grace period (40 s) before the controller marked it Unknown.
    const lastPost = rfc3339(new Date(transition.getTime() - 40_000));
    const unknown = (type: string): NodeCondition => ({ type, status: 'Unknown', lastHeartbeatTime: lastPost, lastTransitionTime: tr, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    return [unknown('MemoryPressure'), unknown('DiskPressure'), unknown('PIDPressure'), unknown('Ready')];
  }
  return [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: tr, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: tr, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: tr, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    health === 'Ready'
      ? { type: 'Ready', status: 'True', lastHeartbeatTime: hb, lastTransitionTime: tr, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: tr, reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' },
  ];
}
