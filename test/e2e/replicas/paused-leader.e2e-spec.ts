import { waitFor } from '../../harness';
import { CLUSTER, leaseHolder, nodeFingerprint, ReplicasEnv, startReplicasEnv } from './replicas-env';

/** Summary rows of the table as `name labels-json` lines, like nodeFingerprint. */
async function tableFingerprint(env: ReplicasEnv): Promise<string> {
  const rows = await env.pg.query<{ name: string; summary: string }>(
    'SELECT name, summary FROM cluster_nodes WHERE cluster = $1 AND NOT deleted',
    [CLUSTER],
    new URL(env.databaseUrl).pathname.slice(1),
  );
  return rows.map((r) => `${r.name} ${JSON.stringify((JSON.parse(r.summary) as { labels: Record<string, string> }).labels)}`).sort().join('\n');
}

const simFingerprint = (env: ReplicasEnv) =>
  env.sim.nodes.list().map((n) => `${n.metadata.name} ${JSON.stringify(n.metadata.labels ?? {})}`).sort().join('\n');

describe('a paused leader (SIGSTOP past its lease)', () => {
  let env: ReplicasEnv;
  beforeAll(async () => {
    env = await startReplicasEnv(2, { sim: { nodes: 20 } });
  });
  afterAll(() => env?.stop());

  it('loses the lease to the other replica and, after SIGCONT, steps down without overwriting the new leader\'s rows', async () => {
    const before = (await leaseHolder(env))!;
    const leader = env.replicas.find((r) => r.id === before.holder)!;
    const follower = env.replicas.find((r) => r !== leader)!;
    const names = env.sim.nodes.list().map((n) => n.metadata.name);
    leader.api.signal('SIGSTOP');
    try {
      // Changes the paused leader's open watch will deliver to it once it runs again.
      env.sim.nodes.setLabels(names[0], { 'knm.test/pause': 'during' });
      const after = await waitFor('the other replica to lead', async () => {
        const h = await leaseHolder(env);
        return h?.holder === follower.id ? h : undefined;
      }, 20_000);
      expect(after.token).toBeGreaterThan(before.token);
      await waitFor('the new leader to record the change', async () => (await tableFingerprint(env)) === simFingerprint(env), 20_000);
      env.sim.nodes.setLabels(names[1], { 'knm.test/pause': 'new-leader' });
      await waitFor('the new leader to record the second change', async () => (await tableFingerprint(env)) === simFingerprint(env), 20_000);
    } finally {
      leader.api.signal('SIGCONT');
    }
    await waitFor('the resumed replica to step down', () => /gave up lease informer:sim/.test(leader.api.output()), 20_000);
    env.sim.nodes.setLabels(names[2], { 'knm.test/pause': 'after' });
    await waitFor('table equal to kube-sim', async () => (await tableFingerprint(env)) === simFingerprint(env), 20_000);
    expect((await leaseHolder(env))?.holder).toBe(follower.id);
    expect(await tableFingerprint(env)).toBe(simFingerprint(env));
    await env.untilCachesMatchSim();
    expect(await nodeFingerprint(leader.http)).toBe(simFingerprint(env));
  });
});
