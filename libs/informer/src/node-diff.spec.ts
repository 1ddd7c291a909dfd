import type { NodeSummary } from '@knm/contracts';
import { significantChanges } from './node-diff';
import { nodeReadiness, nodeRoles, toNodeSummary } from './node-summary';

function node(overrides: Partial<NodeSummary> = {}): NodeSummary {
  return {
    name: 'n1',
    uid: 'u1',
    resourceVersion: '10',
    creationTimestamp: '2026-01-01T00:00:00.000Z',
    labels: { a: '1' },
    annotations: {},
    taints: [{ key: 't', value: 'v', effect: 'NoSchedule' }],
    unschedulable: false,
    readiness: 'Ready',
    conditions: [
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ok', lastTransitionTime: '2026-01-01T00:00:00.000Z' },
      { type: 'DiskPressure', status: 'False' },
    ],
    roles: [],
    capacity: { cpu: '4' },
    allocatable: { cpu: '3920m' },
    addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    nodeInfo: { kubeletVersion: 'v1.31.0', osImage: 'x', containerRuntimeVersion: 'c', kernelVersion: 'k', architecture: 'amd64', operatingSystem: 'linux' },
    ...overrides,
  };
}

describe('significantChanges', () => {
  it('finds nothing when only resourceVersion changed', () => {
    expect(significantChanges(node(), node({ resourceVersion: '11' }))).toEqual([]);
  });

  it('finds nothing when only annotations changed', () => {
    expect(significantChanges(node(), node({ annotations: { 'x/y': 'z' } }))).toEqual([]);
  });

  it('finds nothing when only a condition transition time changed', () => {
    const next = node();
    next.conditions[0] = { ...next.conditions[0], lastTransitionTime: '2026-02-01T00:00:00.000Z' };
    expect(significantChanges(node(), next)).toEqual([]);
  });

  it('finds nothing when list items are only reordered', () => {
    const prev = node({ addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }] });
    const next = node({ addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1' }], conditions: [...node().conditions].reverse() });
    expect(significantChanges(prev, next)).toEqual([]);
  });

  it.each<[string, Partial<NodeSummary>, string]>([
    ['a label value', { labels: { a: '2' } }, 'labels'],
    ['an added label', { labels: { a: '1', b: '' } }, 'labels'],
    ['a removed label', { labels: {} }, 'labels'],
    ['a taint effect', { taints: [{ key: 't', value: 'v', effect: 'NoExecute' }] }, 'taints'],
    ['a removed taint', { taints: [] }, 'taints'],
    ['unschedulable', { unschedulable: true }, 'unschedulable'],
    ['a condition status', { conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletReady', message: 'ok' }, { type: 'DiskPressure', status: 'False' }] }, 'conditions'],
    ['a condition reason', { conditions: [{ type: 'Ready', status: 'True', reason: 'Other', message: 'ok' }, { type: 'DiskPressure', status: 'False' }] }, 'conditions'],
    ['a condition message', { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'new' }, { type: 'DiskPressure', status: 'False' }] }, 'conditions'],
    ['capacity', { capacity: { cpu: '8' } }, 'capacity'],
    ['allocatable', { allocatable: { cpu: '4' } }, 'allocatable'],
    ['an address', { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] }, 'addresses'],
    ['nodeInfo', { nodeInfo: { ...node().nodeInfo, kubeletVersion: 'v1.32.0' } }, 'nodeInfo'],
    ['the uid (node recreated)', { uid: 'u2' }, 'identity'],
  ])('reports a change of %s', (_what, overrides, field) => {
    expect(significantChanges(node(), node(overrides))).toEqual([field]);
  });
});

describe('toNodeSummary', () => {
  it('maps a core/v1 Node, dropping heartbeat times', () => {
    const s = toNodeSummary({
      metadata: { name: 'n1', uid: 'u', resourceVersion: '7', creationTimestamp: new Date('2026-01-01T00:00:00Z'), labels: { 'node-role.kubernetes.io/worker': '' } },
      spec: { unschedulable: true, taints: [{ key: 'k', effect: 'NoExecute', timeAdded: new Date('2026-01-02T00:00:00Z') }] },
      status: {
        conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastHeartbeatTime: new Date(), lastTransitionTime: new Date('2026-01-03T00:00:00Z') }],
        capacity: { cpu: '4' },
        nodeInfo: { kubeletVersion: 'v1.31.0', osImage: 'o', containerRuntimeVersion: 'c', kernelVersion: 'k', architecture: 'arm64', operatingSystem: 'linux', bootID: '', machineID: '', systemUUID: '', kubeProxyVersion: '' },
      },
    });
    expect(s).toMatchObject({
      name: 'n1',
      creationTimestamp: '2026-01-01T00:00:00.000Z',
      unschedulable: true,
      readiness: 'NotReady',
      roles: ['worker'],
      taints: [{ key: 'k', effect: 'NoExecute', timeAdded: '2026-01-02T00:00:00.000Z' }],
      conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastTransitionTime: '2026-01-03T00:00:00.000Z' }],
    });
    expect(JSON.stringify(s)).not.toContain('Heartbeat');
  });

  it('reads roles from node-role labels and the legacy kubernetes.io/role label', () => {
    expect(nodeRoles({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master', other: 'x' })).toEqual(['control-plane', 'master']);
  });

  it('treats a node without a Ready condition as Unknown', () => {
    expect(nodeReadiness([{ type: 'DiskPressure', status: 'False' }])).toBe('Unknown');
  });
});
