import { startKubeSim, type CoreEvent, type KubeSim } from '../src';
import { busiestWorker, isPlainWorker } from './fixtures';
import { waitFor } from '@test/harness';
import { kubectl, kubectlAvailable, openWatch, request } from './helpers';

jest.setTimeout(120_000);

describe('kube-sim core/v1 Events over HTTP', () => {
  let sim: KubeSim;
  let name: string;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 12, seed: 'events', podsPerNode: 3, timeFactor: 0.01 });
    name = sim.nodes.list().filter(isPlainWorker)[0].metadata.name;
  });
  afterEach(async () => {
    await sim.stop();
  });
  const items = (body: Record<string, unknown>): CoreEvent[] => body.items as CoreEvent[];

  it('lists a node\'s events with the involvedObject field selector, cluster-wide and in default', async () => {
    sim.nodes.setReady(name, 'False');
    sim.nodes.modify(name, (n) => void (n.spec.unschedulable = true));
    const selector = encodeURIComponent(`involvedObject.kind=Node,involvedObject.name=${name}`);
    const all = await request(`${sim.url}/api/v1/events?fieldSelector=${selector}`);
    const inDefault = await request(`${sim.url}/api/v1/namespaces/default/events?fieldSelector=${selector}`);
    expect(items(all.body).map((e) => e.reason)).toEqual(['NodeNotReady', 'NodeNotSchedulable']);
    expect(items(inDefault.body).map((e) => e.metadata.name)).toEqual(items(all.body).map((e) => e.metadata.name));
    expect(items(all.body)[0]).toMatchObject({
      kind: 'Event', apiVersion: 'v1', type: 'Normal', count: 1, message: `Node ${name} status is now: NodeNotReady`,
      involvedObject: { kind: 'Node', name, uid: name }, source: { component: 'kubelet', host: name }, reportingComponent: 'kubelet', reportingInstance: name,
      firstTimestamp: expect.stringMatching(/Z$/), lastTimestamp: expect.stringMatching(/Z$/),
    });
  });

  it('counts a repeated identical event on the same object instead of adding one', async () => {
    for (let i = 0; i < 3; i++) {
      sim.nodes.setReady(name, 'False');
      sim.nodes.setReady(name, 'True');
    }
    const notReady = sim.events.list({ involvedName: name }).filter((e) => e.reason === 'NodeNotReady');
    expect(notReady.map((e) => e.count)).toEqual([3]);
    expect(Date.parse(notReady[0].lastTimestamp)).toBeGreaterThanOrEqual(Date.parse(notReady[0].firstTimestamp));
  });

  it('streams events to a watch', async () => {
    const w = openWatch(`${sim.url}/api/v1/events?watch=true&resourceVersion=${sim.resourceVersion()}`);
    await waitFor('watch registered', () => sim.stats().openWatches.events === 1);
    sim.nodes.setCondition(name, { type: 'MemoryPressure', status: 'True' });
    await waitFor('the event', () => w.events.some((e) => e.type === 'ADDED' && (e.object as unknown as CoreEvent).reason === 'NodeHasInsufficientMemory'));
    w.close();
  });

  it('keeps at most eventLimit events, dropping the oldest', async () => {
    const small = await startKubeSim({ nodes: 12, seed: 'events', podsPerNode: 0, eventLimit: 3 });
    try {
      const node = small.nodes.list().filter(isPlainWorker)[0].metadata.name;
      for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) small.nodes.setCondition(node, { type, status: 'True' });
      small.nodes.setReady(node, 'False');
      expect(small.events.list({ involvedName: node }).map((e) => e.reason)).toEqual(['NodeHasDiskPressure', 'NodeHasInsufficientPID', 'NodeNotReady']);
    } finally {
      await small.stop();
    }
  });

  it('stores an event a client creates (e.g. a console recording its own cordon) and finds it by involvedObject', async () => {
    const node = sim.nodes.get(name);
    const body = {
      metadata: { generateName: `${name}.` }, involvedObject: { kind: 'Node', name, uid: node?.metadata.uid, apiVersion: 'v1' }, reason: 'CordonedByKnm',
      message: 'cordoned by alice: kernel update', type: 'Normal', source: { component: 'kube-node-manager' }, count: 1,
    };
    const created = await request(`${sim.url}/api/v1/namespaces/default/events`, { method: 'POST', body });
    const found = await request(`${sim.url}/api/v1/events?fieldSelector=${encodeURIComponent(`involvedObject.name=${name},source=kube-node-manager`)}`);
    expect([created.status, items(found.body).map((e) => e.reason)]).toEqual([201, ['CordonedByKnm']]);
  });

  it('answers 400 for a field selector events do not support', async () => {
    const out = await request(`${sim.url}/api/v1/events?fieldSelector=spec.nodeName%3Dx`);
    expect([out.status, out.body.message]).toEqual([400, 'field label not supported: spec.nodeName']);
  });

  it('serves an events Table with kubectl\'s columns', async () => {
    sim.nodes.setReady(name, 'False');
    const { body } = await request(`${sim.url}/api/v1/namespaces/default/events`, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect((body.columnDefinitions as { name: string; priority: number }[]).filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    expect((body.rows as { cells: unknown[] }[])[0].cells.slice(1, 4)).toEqual(['Normal', 'NodeNotReady', `node/${name}`]);
  });
});

const describeKubectl = kubectlAvailable() ? describe : describe.skip;
if (!kubectlAvailable()) process.stdout.write('kube-sim kubectl event tests skipped: kubectl is not on PATH\n');

describeKubectl('kubectl reads kube-sim node events', () => {
  let sim: KubeSim;
  let node: string;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 12, seed: 'kubectl-events', timeFactor: 0.01 });
    node = busiestWorker(sim).metadata.name;
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('get events --field-selector involvedObject.name=<node> lists the kubelet and controller events', async () => {
    expect((await kubectl(sim.kubeconfigPath, ['cordon', node])).code).toBe(0);
    await request(`${sim.url}/sim/nodes/${node}/reboot`, { method: 'POST', body: { downMs: 100 } });
    await waitFor('reboot done', () => sim.events.list({ involvedName: node }).some((e) => e.reason === 'NodeReady'));
    const out = await kubectl(sim.kubeconfigPath, ['get', 'events', '--field-selector', `involvedObject.name=${node}`]);
    expect(out.code).toBe(0);
    const rows = out.stdout.trim().split('\n');
    expect(rows[0].split(/\s{2,}/)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    const reasons = rows.slice(1).map((r) => r.split(/\s+/)[2]);
    expect(reasons).toEqual(expect.arrayContaining(['NodeNotSchedulable', 'NodeNotReady', 'Starting', 'Rebooted', 'NodeReady']));
    expect(rows.find((r) => r.includes('Rebooted'))).toMatch(/Warning\s+Rebooted\s+node\//);
  });

  it('describe node shows the Events section, the Lease and the pressure taint', async () => {
    await kubectl(sim.kubeconfigPath, ['cordon', node]);
    sim.nodes.setCondition(node, { type: 'MemoryPressure', status: 'True' });
    sim.nodes.setReady(node, 'Unknown');
    await waitFor('unreachable taint', () => sim.nodes.get(node)?.spec.taints?.some((t) => t.key === 'node.kubernetes.io/unreachable'));
    const out = await kubectl(sim.kubeconfigPath, ['describe', 'node', node]);
    expect(out.code).toBe(0);
    const events = out.stdout.slice(out.stdout.indexOf('\nEvents:'));
    expect(events).toMatch(/Normal\s+NodeNotSchedulable\s+\S+\s+kubelet\s+Node \S+ status is now: NodeNotSchedulable/);
    expect(events).toMatch(/Normal\s+NodeHasInsufficientMemory\s+\S+\s+kubelet/);
    expect(events).toMatch(/Normal\s+NodeNotReady\s+\S+\s+node-controller\s+Node \S+ status is now: NodeNotReady/);
    expect(out.stdout).toContain(`HolderIdentity:  ${node}`);
    expect(out.stdout).toMatch(/Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute/);
    expect(out.stdout).toMatch(/Ready\s+Unknown\s.*NodeStatusUnknown\s+Kubelet stopped posting node status\./);
  });

  it('describe pod shows the Killing event of an evicted pod', async () => {
    const pod = sim.pods.list({ nodeName: node }).find((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet');
    expect(pod).toBeDefined();
    await request(`${sim.url}/api/v1/namespaces/${pod?.metadata.namespace}/pods/${pod?.metadata.name}?gracePeriodSeconds=300`, { method: 'DELETE' });
    const out = await kubectl(sim.kubeconfigPath, ['describe', 'pod', '-n', pod?.metadata.namespace as string, pod?.metadata.name as string]);
    expect(out.stdout).toMatch(/Normal\s+Killing\s+\S+\s+kubelet\s+Stopping container /);
  });
});
