import { startKubeSim, type KubeSim, type Node, type NodeCondition } from '../src';
import { isPlainWorker } from './fixtures';
import { waitFor } from '@test/harness';
import { openWatch, request } from './helpers';

jest.setTimeout(120_000);

describe('kube-sim node condition faults (control API over HTTP)', () => {
  let sim: KubeSim;
  let name: string;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 12, seed: 'node-faults', podsPerNode: 3, timeFactor: 0.01 });
    name = sim.nodes.list().filter(isPlainWorker)[0].metadata.name;
  });
  afterEach(async () => {
    await sim.stop();
  });
  const cond = (type: string, node = name): NodeCondition | undefined => sim.nodes.get(node)?.status.conditions.find((c) => c.type === type);
  const taints = (node = name): string[] => (sim.nodes.get(node)?.spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
  const reasons = (node = name): string[] => sim.events.list({ involvedName: node, kind: 'Node' }).map((e) => e.reason);
  const put = (path: string, body: unknown): ReturnType<typeof request> => request(`${sim.url}/sim/nodes/${name}/${path}`, { method: 'PUT', body });

  it.each([
    ['MemoryPressure', 'node.kubernetes.io/memory-pressure', 'NodeHasInsufficientMemory', 'NodeHasSufficientMemory'],
    ['DiskPressure', 'node.kubernetes.io/disk-pressure', 'NodeHasDiskPressure', 'NodeHasNoDiskPressure'],
    ['PIDPressure', 'node.kubernetes.io/pid-pressure', 'NodeHasInsufficientPID', 'NodeHasSufficientPID'],
  ])('%s for a duration: the taint and the kubelet events come and go, Ready keeps its transition time', async (type, taint, bad, good) => {
    const readySince = cond('Ready')?.lastTransitionTime;
    const out = await put(`conditions/${type}`, { status: 'True', durationMs: 300 });
    expect(out.status).toBe(200);
    expect(cond(type)).toMatchObject({ status: 'True', reason: type === 'DiskPressure' ? 'KubeletHasDiskPressure' : expect.stringMatching(/^KubeletHasInsufficient/) });
    await waitFor('the pressure taint', () => taints().includes(`${taint}:NoSchedule`));
    await waitFor('the revert', () => cond(type)?.status === 'False' && !taints().includes(`${taint}:NoSchedule`));
    expect(reasons()).toEqual([bad, good]);
    expect(cond('Ready')?.lastTransitionTime).toBe(readySince);
  });

  it('NetworkUnavailable True adds the condition and the network-unavailable taint', async () => {
    await put('conditions/NetworkUnavailable', { status: 'True' });
    expect(cond('NetworkUnavailable')).toMatchObject({ status: 'True', reason: 'NoRouteCreated' });
    await waitFor('taint', () => taints().includes('node.kubernetes.io/network-unavailable:NoSchedule'));
  });

  it('NotReady (False) for a duration: not-ready NoSchedule and NoExecute taints, kubelet NodeNotReady then NodeReady', async () => {
    const before = cond('Ready')?.lastTransitionTime;
    await put('ready', { status: 'False', durationMs: 300 });
    expect(cond('Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect(cond('Ready')?.lastTransitionTime).not.toBe(before);
    await waitFor('not-ready taints', () => taints().join() === 'node.kubernetes.io/not-ready:NoExecute,node.kubernetes.io/not-ready:NoSchedule');
    expect(sim.nodes.get(name)?.spec.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded).toBeDefined();
    await waitFor('Ready again without taints', () => cond('Ready')?.status === 'True' && taints().length === 0);
    expect(reasons()).toEqual(['NodeNotReady', 'NodeReady']);
    expect(sim.events.list({ involvedName: name }).every((e) => e.source.component === 'kubelet' && e.involvedObject.uid === name)).toBe(true);
  });

  it('Unknown: the controller marks every kubelet condition Unknown keeping the heartbeat, taints unreachable, and reports NodeNotReady', async () => {
    const heartbeat = cond('Ready')?.lastHeartbeatTime;
    await put('ready', { status: 'Unknown' });
    const node = sim.nodes.get(name) as Node;
    const kubelet = node.status.conditions.filter((c) => ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type));
    expect(kubelet.map((c) => [c.type, c.status, c.reason, c.lastHeartbeatTime])).toEqual(kubelet.map((c) => [c.type, 'Unknown', 'NodeStatusUnknown', heartbeat]));
    await waitFor('unreachable taints', () => taints().join() === 'node.kubernetes.io/unreachable:NoExecute,node.kubernetes.io/unreachable:NoSchedule');
    const event = sim.events.list({ involvedName: name }).find((e) => e.reason === 'NodeNotReady');
    expect(event).toMatchObject({ source: { component: 'node-controller' }, involvedObject: { kind: 'Node', uid: node.metadata.uid } });
  });

  it('a pressure reported while the kubelet is silent shows once it posts again', async () => {
    sim.nodes.setReady(name, 'Unknown');
    sim.nodes.setCondition(name, { type: 'DiskPressure', status: 'True' });
    expect(cond('DiskPressure')?.status).toBe('Unknown');
    sim.nodes.setReady(name, 'True');
    expect([cond('DiskPressure')?.status, cond('MemoryPressure')?.status, cond('Ready')?.status]).toEqual(['True', 'False', 'True']);
  });

  it('flapping alternates NotReady and Ready every half period and ends Ready; repeated events are counted', async () => {
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&fieldSelector=metadata.name%3D${name}&resourceVersion=${sim.resourceVersion()}`);
    await waitFor('watch registered', () => sim.stats().openWatches.nodes === 1);
    const out = await request(`${sim.url}/sim/nodes/${name}/flap`, { method: 'POST', body: { periodMs: 100, durationMs: 400 } });
    expect(out.status).toBe(200);
    const statuses = (): string[] => {
      const seen = w.events.map((e) => ((e.object as unknown as Node).status.conditions.find((c) => c.type === 'Ready') as NodeCondition).status);
      return seen.filter((s, i) => i === 0 || s !== seen[i - 1]);
    };
    await waitFor('eight flips', () => statuses().length === 8 && sim.nodes.get(name)?.spec.taints === undefined);
    w.close();
    expect(statuses()).toEqual(['False', 'True', 'False', 'True', 'False', 'True', 'False', 'True']);
    const counts = Object.fromEntries(sim.events.list({ involvedName: name }).map((e) => [e.reason, e.count]));
    expect(counts).toEqual({ NodeNotReady: 4, NodeReady: 4 });
  });

  it('a reboot: silent, then a new bootID with Starting, Rebooted (Warning) and NodeReady', async () => {
    const boot = sim.nodes.get(name)?.status.nodeInfo.bootID;
    const out = await request(`${sim.url}/sim/nodes/${name}/reboot`, { method: 'POST', body: { downMs: 200 } });
    expect((out.body as unknown as Node).status.conditions.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    await waitFor('back up', () => cond('Ready')?.status === 'True');
    const newBoot = sim.nodes.get(name)?.status.nodeInfo.bootID as string;
    expect(newBoot).not.toBe(boot);
    expect(reasons()).toEqual(['NodeNotReady', 'Starting', 'Rebooted', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']);
    const rebooted = sim.events.list({ involvedName: name }).find((e) => e.reason === 'Rebooted');
    expect(rebooted).toMatchObject({ type: 'Warning', message: `Node ${name} has been rebooted, boot id: ${newBoot}` });
  });

  it('heartbeats move lastHeartbeatTime and the lease, never lastTransitionTime', async () => {
    const before = cond('Ready') as NodeCondition;
    const leaseUrl = `${sim.url}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}`;
    const renewed = ((await request(leaseUrl)).body.spec as { renewTime: string }).renewTime;
    sim.nodes.setHeartbeatInterval(100);
    await waitFor('a new heartbeat second', () => cond('Ready')?.lastHeartbeatTime !== before.lastHeartbeatTime, 5000);
    sim.nodes.setHeartbeatInterval(0);
    expect(cond('Ready')?.lastTransitionTime).toBe(before.lastTransitionTime);
    expect(((await request(leaseUrl)).body.spec as { renewTime: string }).renewTime).not.toBe(renewed);
  });

  it('DELETE /sim/nodes/:name/faults cancels a pending revert (nothing is left pending)', async () => {
    await put('ready', { status: 'False', durationMs: 200 });
    const out = await request(`${sim.url}/sim/nodes/${name}/faults`, { method: 'DELETE' });
    const again = await request(`${sim.url}/sim/nodes/${name}/faults`, { method: 'DELETE' });
    expect([out.body, again.body, cond('Ready')?.status]).toEqual([{ cancelled: 1 }, { cancelled: 0 }, 'False']);
  });

  it('answers 400 naming the field for bad payloads and 404 for an unknown node, changing nothing', async () => {
    const rv = sim.nodes.get(name)?.metadata.resourceVersion;
    const bad = await put('ready', { status: 'Maybe', durationMs: -1 });
    expect([bad.status, bad.body.code, (bad.body.details as { violations: { field: string }[] }).violations.map((v) => v.field)]).toEqual([400, 'BAD_REQUEST', ['status', 'durationMs']]);
    const flap = await request(`${sim.url}/sim/nodes/${name}/flap`, { method: 'POST', body: { durationMs: 100 } });
    expect((flap.body.details as { violations: { field: string }[] }).violations).toEqual([{ field: 'periodMs', rule: 'is required' }]);
    const missing = await request(`${sim.url}/sim/nodes/nope/conditions/DiskPressure`, { method: 'PUT', body: { status: 'True' } });
    expect([missing.status, missing.body.reason]).toEqual([404, 'NotFound']);
    expect(sim.nodes.get(name)?.metadata.resourceVersion).toBe(rv);
  });
});

describe('kube-sim scripted node histories and churn', () => {
  let sim: KubeSim;
  let a: string;
  let b: string;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 12, seed: 'node-history', podsPerNode: 0 });
    [a, b] = sim.nodes.list().filter(isPlainWorker).map((n) => n.metadata.name);
  });
  afterEach(async () => {
    await sim.stop();
  });
  const ready = (node: string): string | undefined => sim.nodes.get(node)?.status.conditions.find((c) => c.type === 'Ready')?.status;

  it('plays the steps in order at their offsets and reports when each was applied', async () => {
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&fieldSelector=metadata.name%3D${a}&resourceVersion=${sim.resourceVersion()}`);
    await waitFor('watch registered', () => sim.stats().openWatches.nodes === 1);
    const steps = [
      { atMs: 0, node: a, condition: 'Ready', status: 'False' },
      { atMs: 0, node: b, condition: 'MemoryPressure', status: 'True' },
      { atMs: 100, node: a, condition: 'Ready', status: 'True' },
      { atMs: 150, node: b, action: 'cordon' },
      { atMs: 200, node: b, condition: 'MemoryPressure', status: 'False', reason: 'Recovered', message: 'memory freed' },
      { atMs: 200, node: a, action: 'reboot' },
    ];
    const started = await request(`${sim.url}/sim/history`, { method: 'POST', body: { steps } });
    expect([started.status, started.body.state]).toEqual([201, expect.stringMatching(/running|done/)]);
    const done = await waitFor('playback done', async () => {
      const r = await request(`${sim.url}/sim/history/${started.body.id as string}`);
      return r.body.state === 'done' ? r.body : undefined;
    });
    w.close();
    const applied = done.applied as { index: number; appliedAt: string; resourceVersion: string; error?: string; lastTransitionTime?: string }[];
    expect(applied.map((s) => [s.index, s.error])).toEqual(steps.map((_, i) => [i, undefined]));
    const times = applied.map((s) => Date.parse(s.appliedAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[2] - times[0]).toBeGreaterThanOrEqual(100);
    expect(sim.nodes.get(b)?.status.conditions.find((c) => c.type === 'MemoryPressure')).toMatchObject({ status: 'False', reason: 'Recovered', message: 'memory freed' });
    expect([ready(a), sim.nodes.get(b)?.spec.unschedulable]).toEqual(['True', true]);
    const seen = w.events.map((e) => ((e.object as unknown as Node).status.conditions.find((c) => c.type === 'Ready') as NodeCondition).status).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(seen).toEqual(['False', 'True']);
    expect(sim.events.list({ involvedName: a }).map((e) => e.reason)).toEqual(['NodeNotReady', 'NodeReady', 'Starting', 'Rebooted']);
  });

  it('refuses a bad history naming each field and plays nothing', async () => {
    const rv = sim.resourceVersion();
    const out = await request(`${sim.url}/sim/history`, {
      method: 'POST',
      body: { steps: [{ atMs: 50, node: a, condition: 'Ready', status: 'Maybe' }, { atMs: 10, node: a, condition: 'Ready', status: 'True' }, { atMs: 60, node: 'nope', action: 'explode' }] },
    });
    expect(out.status).toBe(400);
    expect((out.body.details as { violations: { field: string }[] }).violations.map((v) => v.field)).toEqual(['steps[0].status', 'steps[1].atMs', 'steps[2].node', 'steps[2].action']);
    expect(sim.resourceVersion()).toBe(rv);
  });

  it('cancels a playback: steps not yet due are dropped', async () => {
    const started = await request(`${sim.url}/sim/history`, { method: 'POST', body: { steps: [{ atMs: 0, node: a, condition: 'Ready', status: 'False' }, { atMs: 60_000, node: a, condition: 'Ready', status: 'True' }] } });
    const cancelled = await request(`${sim.url}/sim/history/${started.body.id as string}`, { method: 'DELETE' });
    expect([cancelled.body.state, (cancelled.body.applied as unknown[]).length, ready(a)]).toEqual(['cancelled', 1, 'False']);
  });

  it('churn makes nodes NotReady, unreachable, rebooted or under pressure and brings them back', async () => {
    const set = await request(`${sim.url}/sim/churn`, { method: 'PUT', body: { perHour: 72_000, minSeconds: 0.05, maxSeconds: 0.1 } });
    expect(set.body).toEqual({ settings: { perHour: 72_000, minSeconds: 0.05, maxSeconds: 0.1 } });
    await waitFor('three incidents', () => sim.churn.incidents().length >= 3);
    await request(`${sim.url}/sim/churn`, { method: 'PUT', body: { perHour: 0 } });
    const { body } = await request(`${sim.url}/sim/churn`);
    const incidents = body.incidents as { node: string; kind: string }[];
    expect(incidents.every((i) => ['NotReady', 'Unreachable', 'Reboot', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(i.kind))).toBe(true);
    const healthy = (node: string): boolean => sim.nodes.get(node)?.status.conditions.every((c) => (c.type === 'Ready' ? c.status === 'True' : c.status === 'False')) === true;
    await waitFor('every churned node healthy again', () => incidents.every((i) => healthy(i.node)));
  });

  it('refuses churn settings without perHour', async () => {
    const out = await request(`${sim.url}/sim/churn`, { method: 'PUT', body: { minSeconds: 5 } });
    expect([out.status, (out.body.details as { violations: unknown[] }).violations]).toEqual([400, [{ field: 'perHour', rule: 'is required' }]]);
  });
});
