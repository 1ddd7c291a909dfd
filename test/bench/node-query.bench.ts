import { ApiRoutes, NodeListResponse } from '@knm/contracts';
import { startKubeSim, type KubeSim } from '../../apps/kube-sim/src';
import { apiClient, ApiProcess, startApi, waitFor } from '../harness';

/**
 * Node list latency on a 5,000-node kube-sim cluster. Server-side time is the `Server-Timing:
 * app;dur=` header the nodes controller sets (handler time inside the API process, ms); the
 * round trip is measured by the client over loopback HTTP. Prints figures, asserts nothing.
 */
const NODES = 5_000;
const WARMUP = 30;
const RUNS = 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (n: number) => n.toFixed(2).padStart(8);

jest.setTimeout(600_000);

describe('node query benchmark', () => {
  let sim: KubeSim;
  let api: ApiProcess;

  beforeAll(async () => {
    sim = await startKubeSim({ nodes: NODES, seed: 42, port: 0, podsPerNode: 0 });
    api = await startApi();
  });
  afterAll(async () => {
    await api?.stop();
    await sim?.stop();
  });

  it('prints p50/p99 of node list queries', async () => {
    const client = apiClient(api.url);
    const started = performance.now();
    const res = await client.post(ApiRoutes.clusters(), { name: 'bench', kubeconfig: sim.kubeconfig });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    await waitFor('5,000 nodes cached', async () => {
      const r = await client.get<NodeListResponse>(`${ApiRoutes.nodes('bench')}?limit=1`);
      return r.body.total === NODES ? true : undefined;
    }, 300_000, 200);
    const syncMs = performance.now() - started;

    const zone = sim.nodes.list()[0].metadata.labels!['topology.kubernetes.io/zone'];
    const queries: [string, string][] = [
      ['no filter, page 1 of 50', ''],
      ['selector zone=<z> (index)', `selector=${encodeURIComponent(`topology.kubernetes.io/zone=${zone}`)}`],
      ['selector notin + !key (scan)', `selector=${encodeURIComponent('node-pool notin (gpu),!node-role.kubernetes.io/control-plane')}`],
      ['selector + readiness=Ready', `selector=${encodeURIComponent(`topology.kubernetes.io/zone=${zone}`)}&readiness=Ready`],
      ['selector + readiness + sort=age desc', `selector=${encodeURIComponent(`topology.kubernetes.io/zone=${zone}`)}&readiness=Ready&sort=age&order=desc`],
      ['q=substring + sort=status, limit 500', 'q=10-0-1&sort=status&limit=500'],
    ];
    const lines = [
      `node-query bench: ${NODES} nodes (kube-sim, SQLite, embedded mode); register->all cached ${(syncMs / 1000).toFixed(1)} s`,
      `${WARMUP} warm-up + ${RUNS} sequential requests per query; server = Server-Timing app;dur (handler, ms), rtt = client round trip (ms); every response includes facets`,
      `${'query'.padEnd(40)} ${'matched'.padStart(7)} ${'srv p50'.padStart(8)} ${'srv p99'.padStart(8)} ${'rtt p50'.padStart(8)} ${'rtt p99'.padStart(8)}`,
    ];
    for (const [label, query] of queries) {
      const server: number[] = [];
      const rtt: number[] = [];
      let total = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const t0 = performance.now();
        const r = await client.get<NodeListResponse>(`${ApiRoutes.nodes('bench')}?${query}`);
        const t1 = performance.now();
        if (r.status !== 200) throw new Error(`${label}: ${r.status} ${JSON.stringify(r.body)}`);
        if (i < WARMUP) continue;
        total = r.body.total;
        rtt.push(t1 - t0);
        server.push(Number(/dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? NaN));
      }
      server.sort((a, b) => a - b);
      rtt.sort((a, b) => a - b);
      lines.push(`${label.padEnd(40)} ${String(total).padStart(7)} ${fmt(percentile(server, 50))} ${fmt(percentile(server, 99))} ${fmt(percentile(rtt, 50))} ${fmt(percentile(rtt, 99))}`);
    }
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  });
});
