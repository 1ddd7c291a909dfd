import { ApiRoutes } from '@knm/contracts';
import { waitFor } from '../../harness';
import { CLUSTER, leaseHolder, ReplicasEnv, startReplicasEnv } from './replicas-env';

/**
 * A cluster removed through a follower stops being watched by its leader on another replica at
 * once (the `removed` hint), not at the leader's next periodic reconcile: that period is set to
 * 10 minutes here, so only the hint can make this pass. Its node rows go with it (foreign key).
 */
describe('removing a cluster through a follower replica', () => {
  let env: ReplicasEnv;
  beforeAll(async () => {
    env = await startReplicasEnv(2, { sim: { nodes: 20, podsPerNode: 0 }, env: { KNM_CACHE_CATCH_UP_MS: '600000' } });
  });
  afterAll(async () => {
    await env?.stop();
  });

  const openNodeWatches = () => env.sim.stats().openWatches.nodes ?? 0;
  const nodeRows = async () => {
    const [r] = await env.pg.query<{ n: string }>('SELECT count(*) AS n FROM cluster_nodes WHERE cluster = $1', [CLUSTER], new URL(env.databaseUrl).pathname.slice(1));
    return Number(r.n);
  };

  it('the leader stops watching, every replica forgets it, and no node rows remain', async () => {
    await waitFor('the leader watching', () => openNodeWatches() === 1);
    const holder = await waitFor('a lease holder', () => leaseHolder(env).then((h) => h ?? undefined));
    const follower = env.alive().find((r) => r.id !== holder.holder)!;
    expect((await follower.http.delete(ApiRoutes.cluster(CLUSTER))).status).toBe(204);

    await waitFor('the node watch closed', () => openNodeWatches() === 0, 15_000);
    for (const r of env.alive()) {
      await waitFor(`replica ${r.id} answering 404`, async () => (await r.http.get(ApiRoutes.nodes(CLUSTER))).status === 404, 15_000);
    }
    env.sim.nodes.setLabels(env.sim.nodes.list()[0].metadata.name, { 'knm.test/after-removal': 'x' });
    expect(await nodeRows()).toBe(0);
  });
});
