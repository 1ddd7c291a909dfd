import { ALL_MIGRATIONS } from '@knm/persistence';
import { startReplicasEnv, ReplicasEnv } from './replicas-env';

/** Replicas racing for migrations on an empty PostgreSQL database. */
describe('replicated start-up', () => {
  let env: ReplicasEnv;
  afterAll(() => env?.stop());

  it('three replicas starting at once on an empty database apply every migration exactly once, without errors', async () => {
    env = await startReplicasEnv(3, { register: false });
    const db = new URL(env.databaseUrl).pathname.slice(1);
    const rows = await env.pg.query<{ name: string }>('SELECT name FROM migrations ORDER BY id', [], db);
    expect(rows.map((r) => r.name)).toEqual(ALL_MIGRATIONS.map((m) => new m().name));
    for (const r of env.replicas) {
      expect((await r.http.get('/health/ready')).status).toBe(200);
      expect(r.api.output()).not.toMatch(/\bERROR\b|startup failed|already exists/);
    }
  });
});
