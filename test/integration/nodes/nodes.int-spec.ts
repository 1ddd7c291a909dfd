import { ApiRoutes, ErrorBody, NodeListResponse } from '@knm/contracts';
import type { NodeDetailResponse } from '@knm/smart-cache';
import { RealtimeClient, waitFor } from '../../harness';
import { NodesFixture, registerSim, startNodesFixture } from './nodes-fixture';

jest.setTimeout(60_000);

const CLUSTER = 'sim';

describe('node queries over HTTP (kube-sim, real API process)', () => {
  let f: NodesFixture;

  beforeAll(async () => {
    f = await startNodesFixture({ nodes: 30, podsPerNode: 4 });
    await registerSim(f, CLUSTER);
  });
  afterAll(async () => {
    await f?.stop();
  });

  const list = (query = '') => f.client.get<NodeListResponse>(`${ApiRoutes.nodes(CLUSTER)}${query}`);
  const simNodes = () => f.sim.nodes.list();

  it('lists the same nodes, with the same labels, as the simulator', async () => {
    const res = await list('?limit=1000');
    expect(res.status).toBe(200);
    const expected = simNodes().map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} }));
    expect(res.body.items.map((n) => ({ name: n.name, labels: n.labels }))).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
  });

  it('filters by a label selector exactly as the labels on the simulator say', async () => {
    const zone = simNodes()[0].metadata.labels!['topology.kubernetes.io/zone'];
    const res = await list(`?limit=1000&selector=${encodeURIComponent(`topology.kubernetes.io/zone=${zone},!node-role.kubernetes.io/control-plane`)}`);
    const expected = simNodes()
      .filter((n) => n.metadata.labels?.['topology.kubernetes.io/zone'] === zone && !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})))
      .map((n) => n.metadata.name);
    expect(res.body.items.map((n) => n.name)).toEqual(expected);
    expect(res.body.facets!.zones).toEqual({ [zone]: expected.length });
  });

  it('pages the list and reports facets for the whole filtered set', async () => {
    const res = await list('?limit=7&page=2&sort=name&order=desc');
    const names = simNodes().map((n) => n.metadata.name!).sort().reverse();
    expect(res.body.items.map((n) => n.name)).toEqual(names.slice(7, 14));
    const { readiness } = res.body.facets!;
    expect(readiness.Ready + readiness.NotReady + readiness.Unknown).toBe(names.length);
  });

  it('rejects a bad selector with 400 INVALID_SELECTOR naming the position', async () => {
    const res = await f.client.get<ErrorBody>(`${ApiRoutes.nodes(CLUSTER)}?selector=${encodeURIComponent('env in (a')}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_SELECTOR', details: { position: 9 } });
  });

  it.each([
    ['readiness=Sleepy', 'readiness', /^must be one of Ready, NotReady, Unknown$/],
    ['cordoned=maybe', 'cordoned', /^must be true or false/],
    ['sort=size', 'sort', /^must be one of/],
    ['order=up', 'order', /^must be one of/],
    ['page=0', 'page', /^must be at least 1$/],
    ['limit=5000', 'limit', /^must be at most 1000$/],
    ['limit=ten', 'limit', /^must be a number/],
    ['limit=1&limit=2', 'limit', /^must be given once$/],
    ['taint=dedicated:Sometimes', 'taint', /^effect must be one of/],
    ['colour=blue', 'colour', /^is not a known query parameter$/],
  ])('rejects ?%s with 400 naming the parameter %s', async (query, field, rule) => {
    const res = await f.client.get<ErrorBody>(`${ApiRoutes.nodes(CLUSTER)}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details!.violations).toEqual([{ field, rule: expect.stringMatching(rule) }]);
  });

  it('reports the server-side handling time in a Server-Timing header', async () => {
    expect((await list()).headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d+)?$/);
  });

  it('delivers a label changed on the simulator to a subscribed socket as node:changed, and shows it in the list', async () => {
    const socket = new RealtimeClient(f.api.url);
    try {
      await socket.connected();
      expect(await socket.subscribeCluster(CLUSTER)).toEqual({ ok: true });
      const name = simNodes()[3].metadata.name!;
      f.sim.nodes.setLabels(name, { 'knm.test/changed': 'yes' });
      const event = await waitFor('node:changed', () => socket.nodeChanges.find((e) => e.name === name && e.node?.labels['knm.test/changed'] === 'yes'));
      expect(event).toMatchObject({ cluster: CLUSTER, type: 'modified', seq: expect.any(Number) });
      const res = await list(`?selector=${encodeURIComponent('knm.test/changed=yes')}`);
      expect(res.body.items.map((n) => n.name)).toEqual([name]);
      expect(res.body.seq).toBeGreaterThanOrEqual(event.seq);
    } finally {
      socket.close();
    }
  });

  it('returns a node with its pods listed live and their drain eligibility', async () => {
    const node = simNodes().find((n) => f.sim.pods.list({ nodeName: n.metadata.name }).length > 0)!;
    const name = node.metadata.name!;
    const res = await f.client.get<NodeDetailResponse>(ApiRoutes.node(CLUSTER, name));
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name);
    const simPods = f.sim.pods.list({ nodeName: name });
    expect(res.body.pods!.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual(simPods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort());
    for (const pod of res.body.pods!) {
      if (pod.ownerKind === 'DaemonSet' && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') expect(pod.drain).toMatchObject({ evictable: false, skipReason: 'DaemonSet' });
    }
  });

  it('answers 404 NODE_NOT_FOUND for an unknown node', async () => {
    const res = await f.client.get<ErrorBody>(ApiRoutes.node(CLUSTER, 'no-such-node'));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NODE_NOT_FOUND');
  });
});
