import type { NodeSummary } from '@knm/contracts';
import { age, humanDuration } from './human-duration';
import { nodeRoles, nodeRow, nodeStatus } from './node-columns';
import { formatTable } from './table';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe("kubectl's AGE (HumanDuration)", () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M + 12 * S, '5m12s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 40 * D, '2y40d'],
    [8 * Y + 40 * D, '8y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('<unknown> for a missing or unparsable timestamp', () => {
    expect(age(undefined, 0)).toBe('<unknown>');
    expect(age('yesterday', 0)).toBe('<unknown>');
    expect(age('2026-11-21T10:00:00Z', Date.parse('2026-11-21T10:05:00Z'))).toBe('5m');
  });
});

describe("kubectl's table layout", () => {
  it('pads every column to its widest cell plus 3 spaces and leaves the last unpadded', () => {
    expect(formatTable(['NAME', 'STATUS', 'AGE'], [['node-1', 'Ready', '5d'], ['n2', 'NotReady,SchedulingDisabled', '10m']])).toEqual([
      'NAME     STATUS                        AGE',
      'node-1   Ready                         5d',
      'n2       NotReady,SchedulingDisabled   10m',
    ]);
  });
});

const node = (over: Partial<NodeSummary> = {}): NodeSummary => ({
  name: 'n1',
  uid: 'u',
  resourceVersion: '1',
  creationTimestamp: '2026-11-01T10:00:00Z',
  labels: {},
  annotations: {},
  taints: [],
  unschedulable: false,
  readiness: 'Ready',
  conditions: [{ type: 'Ready', status: 'True' }],
  roles: [],
  capacity: {},
  allocatable: {},
  addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
  nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Ubuntu', containerRuntimeVersion: 'containerd://1.7', kernelVersion: '6.1', architecture: 'amd64', operatingSystem: 'linux' },
  ...over,
});

describe('node columns as kubectl prints them', () => {
  it('STATUS: Ready, NotReady for False and Unknown, Unknown without a Ready condition, SchedulingDisabled appended', () => {
    expect(nodeStatus(node())).toBe('Ready');
    expect(nodeStatus(node({ conditions: [{ type: 'Ready', status: 'False' }] }))).toBe('NotReady');
    expect(nodeStatus(node({ conditions: [{ type: 'Ready', status: 'Unknown' }] }))).toBe('NotReady');
    expect(nodeStatus(node({ conditions: [] }))).toBe('Unknown');
    expect(nodeStatus(node({ unschedulable: true }))).toBe('Ready,SchedulingDisabled');
  });

  it('ROLES from node-role.kubernetes.io/* and kubernetes.io/role, sorted; <none> without', () => {
    expect(nodeRoles({})).toBe('<none>');
    expect(nodeRoles({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'infra' })).toBe('control-plane,infra,worker');
    expect(nodeRoles({ 'node-role.kubernetes.io/': 'x' })).toBe('<none>');
  });

  it('wide adds INTERNAL-IP, EXTERNAL-IP (<none>), OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME (<unknown> when empty)', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(nodeRow(node(), now, false)).toEqual(['n1', 'Ready', '<none>', '20d', 'v1.32.4']);
    const bare = node({ nodeInfo: { ...node().nodeInfo, osImage: '', kernelVersion: '' } });
    expect(nodeRow(bare, now, true).slice(5)).toEqual(['10.0.0.1', '<none>', '<unknown>', '<unknown>', 'containerd://1.7']);
  });
});
