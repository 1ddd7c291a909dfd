import { Logger } from '@nestjs/common';
import type { ClusterEvents, ClusterService } from '@knm/cluster';
import type { AppConfig } from '@knm/common';
import { ManualClock, settle } from '@knm/common/testing';
import type { ClusterResponse, ClusterStatus } from '@knm/contracts';
import { ClusterHealthRegistry } from '@knm/health';
import type { LeaseCoordinator, LeaseStatus } from '@knm/leader';
import { ClusterNodeEntity, NODE_CHANGES_CHANNEL, NotificationHandlers, NotificationListener, NotificationSubscription } from '@knm/persistence';
import { SmartCacheService } from '@knm/smart-cache';
import { nodeFixture } from '@knm/smart-cache/testing';
import type { InformerService, InformerState } from '../informer.service';
import { FollowerCacheService, UNSYNCED_CATCH_UP_MS } from './follower-cache.service';

type CacheDeps = ConstructorParameters<typeof SmartCacheService>;

/** The LISTEN boundary: the test delivers notifications and (re)LISTENs. */
class FakeNotifications extends NotificationListener {
  channel: string | null = null;
  handlers: NotificationHandlers | null = null;
  stopped = false;
  override listen(channel: string, handlers: NotificationHandlers): NotificationSubscription {
    this.channel = channel;
    this.handlers = handlers;
    return { stop: async () => void (this.stopped = true) };
  }
}

/** The database behind the cluster service and the node table: registered clusters and node rows. */
class FakeDatabase {
  clusters = new Map<string, ClusterStatus>();
  rows: ClusterNodeEntity[] = [];
  reads = 0;
  write(cluster: string, seq: number, name = `n${seq}`): void {
    this.rows.push({ cluster, name, summary: nodeFixture(name), seq, deleted: false } as ClusterNodeEntity);
  }
  readonly repository = {
    allRows: async (cluster: string) => this.rows.filter((r) => r.cluster === cluster),
    rowsAfter: async (cluster: string, seq: number) => (this.reads++, this.rows.filter((r) => r.cluster === cluster && r.seq > seq).sort((a, b) => a.seq - b.seq)),
  } as unknown as CacheDeps[0];
  readonly clusterService = {
    list: async () => [...this.clusters].map(([name, status]) => ({ name, status }) as ClusterResponse),
    get: async (name: string) => ({ name, status: this.clusters.get(name) }) as ClusterResponse,
  } as unknown as ClusterService;
}

/** The watch side (its own lib, tested on its own): which clusters this replica contends for. */
class FakeInformer {
  readonly contending = new Set<string>();
  start(cluster: string): void {
    this.contending.add(cluster);
  }
  async stop(cluster: string): Promise<void> {
    this.contending.delete(cluster);
  }
  states(): InformerState[] {
    return [...this.contending].map((cluster) => ({ cluster }) as InformerState);
  }
}

const CATCH_UP_MS = 30_000;

function setup(databaseUrl: string | null = 'postgres://db/knm') {
  const clock = new ManualClock();
  const notifications = new FakeNotifications();
  const db = new FakeDatabase();
  const informer = new FakeInformer();
  const held = new Set<string>();
  const leases = { status: (): LeaseStatus[] => [...held].map((c) => ({ name: `informer:${c}`, held: true, token: 1 })) } as unknown as LeaseCoordinator;
  const events = { on: () => () => undefined } as unknown as ClusterEvents;
  const cache = new SmartCacheService(db.repository, db.clusterService, events, {} as CacheDeps[3]);
  const health = new ClusterHealthRegistry();
  const config = { databaseUrl, cacheCatchUpIntervalMs: CATCH_UP_MS } as AppConfig;
  const follower = new FollowerCacheService(config, clock, notifications, cache, informer as unknown as InformerService, db.clusterService, leases, health);
  const hint = async (payload: object | string) => {
    notifications.handlers!.onNotification(typeof payload === 'string' ? payload : JSON.stringify(payload));
    await settle();
  };
  const listening = async () => {
    notifications.handlers!.onListening();
    await settle();
  };
  return { clock, notifications, db, informer, held, cache, health, follower, hint, listening };
}

/** Booted in replicated mode and LISTENing, over these registered clusters, node rows ([cluster, seq]) and held leases. */
async function started(clusters: Record<string, ClusterStatus> = {}, rows: [string, number][] = [], leading: string[] = []) {
  const env = setup();
  leading.forEach((c) => env.held.add(c));
  for (const [name, status] of Object.entries(clusters)) env.db.clusters.set(name, status);
  for (const [cluster, seq] of rows) env.db.write(cluster, seq);
  env.follower.onApplicationBootstrap();
  await env.listening();
  return env;
}

describe('FollowerCacheService', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());
  let env: ReturnType<typeof setup>;
  afterEach(() => env.follower.onModuleDestroy());

  it('does nothing in embedded mode (no database URL)', async () => {
    env = setup(null);
    env.follower.onApplicationBootstrap();
    expect([env.notifications.channel, env.clock.pendingSleeps]).toEqual([null, 0]);
  });

  it('on LISTEN contends for every registered cluster and catches followed caches up from the table', async () => {
    env = await started({ a: 'synced', b: 'connecting' }, [['a', 1], ['a', 2]]);
    expect(env.notifications.channel).toBe(NODE_CHANGES_CHANNEL);
    expect([[...env.informer.contending].sort(), env.cache.seqOf('a'), env.cache.isSynced('a'), env.cache.isSynced('b')]).toEqual([['a', 'b'], 2, true, false]);
  });

  it('reads the table on a hint ahead of the cache, and not on one it has already applied', async () => {
    env = await started({ a: 'synced' });
    const reads = env.db.reads;
    env.db.write('a', 1);
    await env.hint({ cluster: 'a', seq: 1 });
    await env.hint({ cluster: 'a', seq: 1 });
    expect([env.cache.seqOf('a'), env.db.reads - reads]).toEqual([1, 1]);
  });

  it('ignores hints for a cluster this replica leads (its informer feeds the cache)', async () => {
    env = await started({ a: 'synced' }, [], ['a']);
    env.db.write('a', 1);
    await env.hint({ cluster: 'a', seq: 1 });
    expect([env.cache.seqOf('a'), env.follower.clusterHealth()]).toEqual([0, []]);
  });

  it('ignores a malformed hint', async () => {
    env = await started();
    const reads = env.db.reads;
    await env.hint('{"cluster":');
    expect(env.db.reads).toBe(reads);
  });

  it('follows a cluster first announced by a hint (registered through another replica)', async () => {
    env = await started();
    env.db.clusters.set('new', 'synced');
    env.db.write('new', 1);
    await env.hint({ cluster: 'new', seq: 1 });
    expect([env.informer.contending.has('new'), env.cache.seqOf('new')]).toEqual([true, 1]);
  });

  it('marks a followed cache synced only once the leader has recorded the cluster as synced', async () => {
    env = await started({ a: 'connecting' });
    expect(env.cache.isSynced('a')).toBe(false);
    env.db.clusters.set('a', 'synced');
    await env.clock.advance(UNSYNCED_CATCH_UP_MS);
    expect(env.cache.isSynced('a')).toBe(true);
  });

  it('on a removal hint stops contending for the cluster and drops its cache', async () => {
    env = await started({ a: 'synced' }, [['a', 1]]);
    env.db.clusters.delete('a');
    await env.hint({ cluster: 'a', seq: -1, removed: true });
    expect([env.informer.contending.has('a'), env.cache.seqOf('a'), env.follower.clusterHealth()]).toEqual([false, 0, []]);
  });

  it('repairs a lost hint at the periodic catch-up, every cacheCatchUpIntervalMs once synced', async () => {
    env = await started({ a: 'synced' });
    env.db.write('a', 1); // its hint was lost
    await env.clock.advance(CATCH_UP_MS - 1);
    expect(env.cache.seqOf('a')).toBe(0);
    await env.clock.advance(1);
    expect(env.cache.seqOf('a')).toBe(1);
  });

  it('reports the clusters it follows to health', async () => {
    env = await started({ a: 'synced' }, [['a', 3]]);
    expect(env.health.snapshot()).toEqual([{ cluster: 'a', role: 'follower', cacheSeq: 3, synced: true }]);
  });

  it('stops listening and its periodic loop on shutdown', async () => {
    env = setup();
    env.follower.onApplicationBootstrap();
    await env.follower.onModuleDestroy();
    expect([env.notifications.stopped, env.clock.pendingSleeps, env.health.snapshot()]).toEqual([true, 0, []]);
  });
});
