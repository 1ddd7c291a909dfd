import type { Node, NodeCondition } from '../api/types';
import { generateNodes } from '../generator/node-generator';
import { desiredControllerTaints, nodeEventsFor, reconcileControllerTaints, unknownConditions, withCondition } from './node-conditions';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:05:00Z';
const healthy: NodeCondition[] = [
  { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: T0, lastTransitionTime: T0, reason: 'KubeletHasSufficientMemory', message: 'm' },
  { type: 'Ready', status: 'True', lastHeartbeatTime: T0, lastTransitionTime: T0, reason: 'KubeletReady', message: 'r' },
];
const node = (conditions: NodeCondition[], unschedulable = false): Node => {
  const n = structuredClone(generateNodes({ count: 1, seed: 'c', now: new Date(T0) })[0]);
  n.status.conditions = conditions;
  if (unschedulable) n.spec.unschedulable = true;
  return n;
};

describe('withCondition', () => {
  it('moves lastTransitionTime only for a changed status and beats every reported condition', () => {
    const out = withCondition(healthy, { type: 'MemoryPressure', status: 'True' }, T1, ['MemoryPressure', 'Ready']);
    expect(out).toEqual([
      { type: 'MemoryPressure', status: 'True', lastHeartbeatTime: T1, lastTransitionTime: T1, reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' },
      { ...healthy[1], lastHeartbeatTime: T1 },
    ]);
  });

  it('keeps lastTransitionTime when the status is unchanged and appends an absent condition', () => {
    const out = withCondition(healthy, { type: 'Ready', status: 'True', reason: 'KubeletReady' }, T1, []);
    expect(out[1].lastTransitionTime).toBe(T0);
    expect(withCondition(healthy, { type: 'NetworkUnavailable', status: 'False' }, T1, [])[2]).toMatchObject({ type: 'NetworkUnavailable', reason: 'RouteCreated', lastTransitionTime: T1 });
  });
});

describe('unknownConditions', () => {
  it('marks kubelet conditions Unknown with NodeStatusUnknown, keeping heartbeats and leaving others', () => {
    const out = unknownConditions([...healthy, { type: 'NetworkUnavailable', status: 'False', lastTransitionTime: T0 }], T1);
    expect(out.map((c) => [c.type, c.status, c.lastHeartbeatTime, c.lastTransitionTime])).toEqual([
      ['MemoryPressure', 'Unknown', T0, T1], ['Ready', 'Unknown', T0, T1], ['NetworkUnavailable', 'False', undefined, T0], ['DiskPressure', 'Unknown', undefined, T1], ['PIDPressure', 'Unknown', undefined, T1],
    ]);
  });
});

describe('desiredControllerTaints', () => {
  it.each([
    ['Ready False', [{ ...healthy[1], status: 'False' }], ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']],
    ['Ready Unknown', [{ ...healthy[1], status: 'Unknown' }], ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']],
    ['no Ready condition', [], ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']],
    ['memory pressure', [healthy[1], { ...healthy[0], status: 'True' }], ['node.kubernetes.io/memory-pressure:NoSchedule']],
  ] as [string, NodeCondition[], string[]][])('%s', (_what, conditions, taints) => {
    expect(desiredControllerTaints(node(conditions)).map((t) => `${t.key}:${t.effect}`)).toEqual(taints);
  });

  it('keeps other taints and the timeAdded of a kept controller taint', () => {
    const existing = [{ key: 'team', value: 'a', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: T0 }];
    expect(reconcileControllerTaints(existing, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }], T1)).toEqual([
      existing[0], existing[1], { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });
});

describe('nodeEventsFor', () => {
  it('reports kubelet NodeNotReady for False, node-controller NodeNotReady for Unknown, and schedulability', () => {
    const ready = node(healthy);
    const notReady = node([healthy[0], { ...healthy[1], status: 'False' }], true);
    const unknown = node([healthy[0], { ...healthy[1], status: 'Unknown' }]);
    expect(nodeEventsFor(notReady, ready).map((e) => [e.reason, e.source.component])).toEqual([['NodeNotReady', 'kubelet'], ['NodeNotSchedulable', 'kubelet']]);
    expect(nodeEventsFor(unknown, ready).map((e) => [e.reason, e.source.component, e.involvedObject.uid])).toEqual([['NodeNotReady', 'node-controller', ready.metadata.uid]]);
    expect(nodeEventsFor(ready, unknown).map((e) => e.reason)).toEqual(['NodeReady']);
  });

  it('reports a new bootID as Starting and a Warning Rebooted', () => {
    const before = node(healthy);
    const after = structuredClone(before);
    after.status.nodeInfo.bootID = 'new-boot';
    expect(nodeEventsFor(after, before).map((e) => [e.reason, e.type, e.message])).toEqual([
      ['Starting', 'Normal', 'Starting kubelet.'], ['Rebooted', 'Warning', `Node ${before.metadata.name} has been rebooted, boot id: new-boot`],
    ]);
  });
});
