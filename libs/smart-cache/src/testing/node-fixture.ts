import type { NodeSummary } from '@knm/contracts';

/** A complete NodeSummary for unit tests; `overrides` replace top-level fields. */
export function nodeFixture(name: string, overrides: Partial<NodeSummary> = {}): NodeSummary {
  return {
    name,
    uid: `uid-${name}`,
    resourceVersion: '1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { 'kubernetes.io/hostname': name },
    annotations: {},
    taints: [],
    unschedulable: false,
    readiness: 'Ready',
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    roles: [],
    capacity: { cpu: '4', memory: '16Gi', pods: '110' },
    allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' },
    addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    nodeInfo: {
      kubeletVersion: 'v1.31.2',
      osImage: 'Ubuntu 24.04',
      containerRuntimeVersion: 'containerd://1.7.22',
      kernelVersion: '6.8.0',
      architecture: 'amd64',
      operatingSystem: 'linux',
    },
    ...overrides,
  };
}
