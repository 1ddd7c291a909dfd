import { startKubeSim, type KubeSim } from '../src';
import { busiestWorker, ownerKind } from './fixtures';
import { waitFor } from '@test/harness';
import { openWatch, request } from './helpers';

jest.setTimeout(120_000);

describe('kube-sim API semantics', () => {
  let sim: KubeSim;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 20, seed: 'api-tests', timeFactor: 0.01, bookmarkIntervalMs: 50 });
  });
  afterEach(async () => {
    await sim.stop();
  });
  const nodeUrl = (name: string): string => `${sim.url}/api/v1/nodes/${name}`;

  it('lists pods/eviction as a policy/v1 Eviction subresource in /api/v1', async () => {
    const { body } = await request(`${sim.url}/api/v1`);
    expect(body.resources).toContainEqual(expect.objectContaining({ name: 'pods/eviction', group: 'policy', version: 'v1', kind: 'Eviction' }));
  });

  it('pages a node list with limit and continue', async () => {
    const first = await request(`${sim.url}/api/v1/nodes?limit=15`);
    const meta = first.body.metadata as { continue: string; remainingItemCount: number };
    expect(meta.remainingItemCount).toBe(5);
    const second = await request(`${sim.url}/api/v1/nodes?limit=15&continue=${encodeURIComponent(meta.continue)}`);
    const names = [...(first.body.items as { metadata: { name: string } }[]), ...(second.body.items as { metadata: { name: string } }[])].map((n) => n.metadata.name);
    expect(names).toEqual(sim.nodes.list().map((n) => n.metadata.name));
  });

  it('filters nodes with a set-based label selector', async () => {
    const { body } = await request(`${sim.url}/api/v1/nodes?labelSelector=${encodeURIComponent('node-role.kubernetes.io/control-plane,kubernetes.io/os in (linux)')}`);
    expect((body.items as unknown[]).length).toBe(3);
  });

  it('answers 400 for an unparsable label selector', async () => {
    expect((await request(`${sim.url}/api/v1/nodes?labelSelector=a%20in%20(`)).status).toBe(400);
  });

  it('answers 404 NotFound Status for a missing node', async () => {
    const { status, body } = await request(nodeUrl('nope'));
    expect({ status, body }).toEqual({ status: 404, body: expect.objectContaining({ kind: 'Status', reason: 'NotFound', message: 'nodes "nope" not found', details: { name: 'nope', kind: 'nodes' }, code: 404 }) });
  });

  it('answers 409 Conflict to a PUT with a stale resourceVersion', async () => {
    const node = sim.nodes.list()[5];
    sim.nodes.setLabels(node.metadata.name, { bump: 'yes' });
    const { status, body } = await request(nodeUrl(node.metadata.name), { method: 'PUT', body: node });
    expect([status, body.reason]).toEqual([409, 'Conflict']);
  });

  it('treats metadata.resourceVersion in a merge patch as a precondition', async () => {
    const node = sim.nodes.list()[5];
    const stale = await request(nodeUrl(node.metadata.name), { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { resourceVersion: '1', labels: { a: 'b' } } } });
    const fresh = await request(nodeUrl(node.metadata.name), { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { resourceVersion: node.metadata.resourceVersion, labels: { a: 'b' } } } });
    expect([stale.status, fresh.status]).toEqual([409, 200]);
  });

  it('answers 422 Invalid when a JSON patch test op fails', async () => {
    const node = sim.nodes.list()[5];
    const out = await request(nodeUrl(node.metadata.name), { method: 'PATCH', contentType: 'application/json-patch+json', body: [{ op: 'test', path: '/metadata/resourceVersion', value: '1' }, { op: 'add', path: '/spec/unschedulable', value: true }] });
    expect([out.status, out.body.reason, sim.nodes.get(node.metadata.name)?.spec.unschedulable]).toEqual([422, 'Invalid', node.spec.unschedulable]);
  });

  it('answers 422 Invalid for an invalid label key', async () => {
    const node = sim.nodes.list()[5];
    const out = await request(nodeUrl(node.metadata.name), { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { labels: { 'bad key': 'x' } } } });
    expect([out.status, out.body.reason]).toEqual([422, 'Invalid']);
    expect(out.body.message).toContain(`Node "${node.metadata.name}" is invalid: metadata.labels: Invalid value: "bad key"`);
  });

  it('answers 422 Invalid for a taint with an unsupported effect', async () => {
    const node = sim.nodes.list()[5];
    const out = await request(nodeUrl(node.metadata.name), { method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: { spec: { taints: [{ key: 'a', effect: 'Sometimes' }] } } });
    expect([out.status, out.body.reason]).toEqual([422, 'Invalid']);
  });

  it('ignores status changes sent to the node resource (they belong to nodes/status)', async () => {
    const node = sim.nodes.list()[5];
    await request(nodeUrl(node.metadata.name), { method: 'PATCH', contentType: 'application/merge-patch+json', body: { status: { nodeInfo: { kubeletVersion: 'v0' } } } });
    expect(sim.nodes.get(node.metadata.name)?.status.nodeInfo.kubeletVersion).toBe(node.status.nodeInfo.kubeletVersion);
  });

  it('serves a Table for kubectl-style Accept headers', async () => {
    const { body } = await request(`${sim.url}/api/v1/pods?limit=3`, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect((body.columnDefinitions as { name: string }[]).slice(0, 5).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
  });

  it('starts a watch without resourceVersion with ADDED for every node', async () => {
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true`);
    await waitFor('initial events', () => w.events.length >= 20);
    w.close();
    expect(w.events.every((e) => e.type === 'ADDED')).toBe(true);
  });

  it('resumes a watch from a resourceVersion with only later events', async () => {
    const rv = sim.resourceVersion();
    const node = sim.nodes.list()[2].metadata.name;
    sim.nodes.setLabels(node, { step: '1' });
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${rv}`);
    await waitFor('replayed event', () => w.events.length >= 1);
    w.close();
    expect(w.events.map((e) => [e.type, e.object.metadata?.name])).toEqual([['MODIFIED', node]]);
  });

  it('turns a change that leaves the label selector into DELETED for that watch', async () => {
    const node = sim.nodes.list()[2].metadata.name;
    sim.nodes.setLabels(node, { watched: 'yes' });
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&labelSelector=watched%3Dyes`);
    await waitFor('ADDED', () => w.events.length === 1);
    sim.nodes.setLabels(node, { watched: null });
    await waitFor('DELETED', () => w.events.length === 2);
    w.close();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('sends an in-stream 410 Expired when the resourceVersion is older than the history', async () => {
    const rv = sim.resourceVersion();
    sim.nodes.setLabels(sim.nodes.list()[1].metadata.name, { x: 'y' });
    sim.faults.compactHistory();
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${rv}`);
    await w.ended;
    expect(w.events).toEqual([{ type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) }]);
  });

  it('sends BOOKMARK events when allowWatchBookmarks=true', async () => {
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}&allowWatchBookmarks=true`);
    await waitFor('a bookmark', () => w.events.some((e) => e.type === 'BOOKMARK'));
    w.close();
  });

  it('closes the watch after timeoutSeconds', async () => {
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}&timeoutSeconds=1`);
    await w.ended;
    expect(await w.status).toBe(200);
  });

  it('deletes a pod gracefully: deletionTimestamp first, gone after the grace period', async () => {
    const pod = sim.pods.list({ namespace: 'default' }).find((p) => p.status.phase === 'Running') ?? sim.pods.list().find((p) => ownerKind(p) === 'ReplicaSet');
    const ns = pod?.metadata.namespace as string;
    const name = pod?.metadata.name as string;
    const out = await request(`${sim.url}/api/v1/namespaces/${ns}/pods/${name}?gracePeriodSeconds=30`, { method: 'DELETE' });
    expect((out.body.metadata as { deletionTimestamp?: string }).deletionTimestamp).toBeDefined();
    await waitFor('pod removal', () => sim.pods.get(ns, name) === undefined);
  });

  it('answers 404 to the eviction of a missing pod', async () => {
    const out = await request(`${sim.url}/api/v1/namespaces/default/pods/nope/eviction`, { method: 'POST', body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'nope', namespace: 'default' } } });
    expect([out.status, out.body.reason]).toEqual([404, 'NotFound']);
  });

  it('re-creates an evicted ReplicaSet pod with a new name on another schedulable node', async () => {
    const node = busiestWorker(sim).metadata.name;
    sim.nodes.modify(node, (n) => void (n.spec.unschedulable = true));
    const pod = sim.pods.list({ nodeName: node }).find((p) => ownerKind(p) === 'ReplicaSet');
    const ns = pod?.metadata.namespace as string;
    const app = pod?.metadata.labels?.app as string;
    const before = new Set(sim.pods.list({ namespace: ns }).filter((p) => p.metadata.labels?.app === app).map((p) => p.metadata.name));
    const out = await request(`${sim.url}/api/v1/namespaces/${ns}/pods/${pod?.metadata.name}/eviction`, { method: 'POST', body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod?.metadata.name, namespace: ns } } });
    expect(out.status).toBe(201);
    const replacement = await waitFor('replacement pod', () => sim.pods.list({ namespace: ns }).find((p) => p.metadata.labels?.app === app && !before.has(p.metadata.name)));
    expect(replacement.spec.nodeName).not.toBe(node);
    const target = sim.nodes.get(replacement.spec.nodeName as string);
    expect(target?.spec.unschedulable ?? false).toBe(false);
  });

  it('does not reschedule an evicted DaemonSet pod to another node', async () => {
    const node = busiestWorker(sim).metadata.name;
    const pod = sim.pods.list({ nodeName: node }).find((p) => ownerKind(p) === 'DaemonSet');
    const ns = pod?.metadata.namespace as string;
    await request(`${sim.url}/api/v1/namespaces/${ns}/pods/${pod?.metadata.name}?gracePeriodSeconds=0`, { method: 'DELETE' });
    const owner = pod?.metadata.ownerReferences?.[0].uid;
    const again = await waitFor('daemon pod re-created', () => sim.pods.list({ nodeName: node }).find((p) => p.metadata.ownerReferences?.[0].uid === owner));
    expect(again.spec.nodeName).toBe(node);
  });

  it('keeps PodDisruptionBudget status in step with pod readiness', async () => {
    const pdb = sim.podDisruptionBudgets.list().find((b) => (b.status?.disruptionsAllowed ?? 0) > 0);
    const ns = pdb?.metadata.namespace as string;
    const selected = sim.pods.list({ namespace: ns }).filter((p) => Object.entries(pdb?.spec.selector?.matchLabels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v));
    for (const p of selected) sim.pods.setReady(ns, p.metadata.name, false);
    await waitFor('budget exhausted', () => sim.podDisruptionBudgets.get(ns, pdb?.metadata.name as string)?.status?.disruptionsAllowed === 0);
  });

  it('lists namespaces', async () => {
    const { body } = await request(`${sim.url}/api/v1/namespaces`);
    expect((body.items as { metadata: { name: string } }[]).map((n) => n.metadata.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });
});
