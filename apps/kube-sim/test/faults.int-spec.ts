import { startKubeSim, type KubeSim } from '../src';
import { waitFor } from '@test/harness';
import { openWatch, request } from './helpers';

jest.setTimeout(120_000);

describe('kube-sim fault switches', () => {
  let sim: KubeSim;
  beforeEach(async () => {
    sim = await startKubeSim({ nodes: 12, seed: 'fault-tests', podsPerNode: 4 });
  });
  afterEach(async () => {
    await sim.stop();
  });
  const nodes = (): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> => request(`${sim.url}/api/v1/nodes`);

  it('adds at least latencyMs to each API request', async () => {
    sim.faults.set({ latencyMs: 150 });
    const started = performance.now();
    await nodes();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 500 InternalError at errorRate500 = 1', async () => {
    sim.faults.set({ errorRate500: 1 });
    const out = await nodes();
    expect([out.status, out.body.reason]).toEqual([500, 'InternalError']);
  });

  it('answers 429 with Retry-After at errorRate429 = 1', async () => {
    sim.faults.set({ errorRate429: 1, retryAfterSeconds: 7 });
    const out = await nodes();
    expect([out.status, out.body.reason, out.headers.get('retry-after')]).toEqual([429, 'TooManyRequests', '7']);
  });

  it('limits requests per second with 429', async () => {
    sim.faults.set({ maxRequestsPerSecond: 2 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await nodes()).status);
    expect(codes).toContain(429);
  });

  it('leaves the /sim control API unaffected by faults', async () => {
    sim.faults.set({ errorRate500: 1 });
    expect((await request(`${sim.url}/sim/stats`)).status).toBe(200);
  });

  it('drops open watches on demand and counts them in stats', async () => {
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}`);
    await waitFor('watch registered', () => sim.stats().openWatches.nodes === 1);
    const out = await request(`${sim.url}/sim/watches/drop`, { method: 'POST', body: {} });
    await w.ended;
    expect([out.body.dropped, sim.stats().openWatches.nodes]).toEqual([1, 0]);
  });

  it('drops open watches periodically with dropWatchesEverySeconds', async () => {
    await request(`${sim.url}/sim/faults`, { method: 'PUT', body: { dropWatchesEverySeconds: 0.2 } });
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}`);
    await w.ended;
    expect(sim.stats().droppedWatches).toBeGreaterThanOrEqual(1);
  });

  it('gives a resumed watch 410 once watchHistorySize events have passed it', async () => {
    sim.faults.set({ watchHistorySize: 2 });
    const rv = sim.resourceVersion();
    const name = sim.nodes.list()[4].metadata.name;
    for (const step of ['1', '2', '3']) sim.nodes.setLabels(name, { step });
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${rv}`);
    await w.ended;
    expect(w.events.map((e) => [e.type, e.object.code])).toEqual([['ERROR', 410]]);
  });

  it('forces 410 on the next watch even from the current resourceVersion', async () => {
    await request(`${sim.url}/sim/watches/force-gone`, { method: 'POST', body: { count: 1 } });
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}`);
    await w.ended;
    expect(w.events.map((e) => [e.type, e.object.code])).toEqual([['ERROR', 410]]);
  });

  it('flips Ready to Unknown and the lifecycle controller adds unreachable taints', async () => {
    const name = sim.nodes.list().find((n) => !n.spec.taints?.length)?.metadata.name as string;
    const out = await request(`${sim.url}/sim/nodes/${name}/ready`, { method: 'PUT', body: { status: 'Unknown' } });
    expect(out.status).toBe(200);
    const taints = await waitFor('unreachable taints', () => {
      const t = sim.nodes.get(name)?.spec.taints ?? [];
      return t.length === 2 ? t.map((x) => `${x.key}:${x.effect}`).sort() : undefined;
    });
    expect(taints).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  });

  it('adds and removes a NoExecute taint through /sim/nodes', async () => {
    const name = sim.nodes.list()[5].metadata.name;
    const added = await request(`${sim.url}/sim/nodes/${name}/taints`, { method: 'POST', body: { key: 'example.com/maintenance', effect: 'NoExecute' } });
    expect((added.body.spec as { taints: { key: string; timeAdded?: string }[] }).taints.find((t) => t.key === 'example.com/maintenance')?.timeAdded).toBeDefined();
    await request(`${sim.url}/sim/nodes/${name}/taints/${encodeURIComponent('example.com/maintenance')}?effect=NoExecute`, { method: 'DELETE' });
    expect(sim.nodes.get(name)?.spec.taints?.some((t) => t.key === 'example.com/maintenance') ?? false).toBe(false);
  });

  it('changes a label through /sim/nodes with a watch event', async () => {
    const name = sim.nodes.list()[6].metadata.name;
    const w = openWatch(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=${sim.resourceVersion()}`);
    await waitFor('watch registered', () => sim.stats().openWatches.nodes === 1);
    await request(`${sim.url}/sim/nodes/${name}/labels`, { method: 'PATCH', body: { 'example.com/rack': 'r12' } });
    await waitFor('MODIFIED event', () => w.events.some((e) => e.type === 'MODIFIED' && e.object.metadata?.name === name));
    w.close();
  });

  it('ticks lastHeartbeatTime when heartbeats are on', async () => {
    const name = sim.nodes.list().find((n) => n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'))?.metadata.name as string;
    const rv = sim.nodes.get(name)?.metadata.resourceVersion;
    await request(`${sim.url}/sim/heartbeats`, { method: 'PUT', body: { intervalMs: 50 } });
    await waitFor('heartbeat write', () => sim.nodes.get(name)?.metadata.resourceVersion !== rv);
    sim.nodes.setHeartbeatInterval(0);
  });

  it('counts requests by verb and resource in /sim/stats', async () => {
    await nodes();
    await request(`${sim.url}/api/v1/nodes/${sim.nodes.list()[0].metadata.name}`);
    const stats = sim.stats();
    expect([stats.requests.byVerbAndResource['list nodes'], stats.requests.byVerbAndResource['get nodes']]).toEqual([1, 1]);
  });
});
