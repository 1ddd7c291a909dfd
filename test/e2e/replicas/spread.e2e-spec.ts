import { ApiRoutes } from '@knm/contracts';
import { startKubeSim, type KubeSim } from '../../../apps/kube-sim/src';
import { waitFor } from '../../harness';
import { ReplicasEnv, startReplicasEnv } from './replicas-env';

/** Informer lease holders by cluster, from the database (unexpired leases only). */
async function holders(env: ReplicasEnv): Promise<Map<string, string>> {
  const rows = await env.pg.query<{ name: string; holder: string }>(
    "SELECT name, holder FROM leases WHERE name LIKE 'informer:%' AND holder IS NOT NULL AND expires_at > now()",
    [],
    new URL(env.databaseUrl).pathname.slice(1),
  );
  return new Map(rows.map((r) => [r.name.slice('informer:'.length), r.holder]));
}

describe('three clusters on three replicas', () => {
  let env: ReplicasEnv;
  const sims: KubeSim[] = [];
  beforeAll(async () => {
    env = await startReplicasEnv(3, { sim: { nodes: 10 } });
  });
  afterAll(async () => {
    await env?.stop();
    await Promise.all(sims.map((s) => s.stop()));
  });

  it('clusters all registered through one replica end up watched once each, one per replica', async () => {
    for (const i of [1, 2]) {
      const sim = await startKubeSim({ nodes: 10, seed: 100 + i, podsPerNode: 0 });
      sims.push(sim);
      const res = await env.replicas[0].http.post(ApiRoutes.clusters(), { name: `sim${i}`, kubeconfig: sim.kubeconfig });
      expect(res.status).toBe(201);
    }
    const all = [env.sim, ...sims];
    await waitFor('one informer lease per replica', async () => {
      const h = await holders(env);
      return h.size === 3 && new Set(h.values()).size === 3 || undefined;
    }, 30_000);
    await waitFor('one node watch per kube-sim', () => all.every((s) => (s.stats().openWatches.nodes ?? 0) === 1), 30_000);
  });

  it('a gracefully stopped leader releases its leases, and another replica takes them', async () => {
    const before = await holders(env);
    const leader = env.replicas.find((r) => r.id === before.get('sim1'))!;
    await leader.api.stop();
    leader.alive = false;
    const released = await env.pg.query<{ n: string }>(
      "SELECT count(*) AS n FROM leases WHERE name LIKE 'informer:%' AND holder = $1 AND expires_at > now()",
      [leader.id],
      new URL(env.databaseUrl).pathname.slice(1),
    );
    expect(Number(released[0].n)).toBe(0);
    await waitFor('sim1 led by a survivor', async () => {
      const h = await holders(env);
      return (h.get('sim1') && h.get('sim1') !== leader.id) || undefined;
    }, 30_000);
    await waitFor('one node watch on sim1', () => (sims[0].stats().openWatches.nodes ?? 0) === 1, 30_000);
  });
});
