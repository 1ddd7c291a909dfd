import { DataSource } from 'typeorm';
import { Clock } from '@knm/common';
import { openDatabase } from '@knm/persistence';
import { PostgresServer, startPostgres, waitFor } from '@test/harness';
import { DbLeaseCoordinator } from './db-lease-coordinator';
import { LeaseHandle, LeaseLostError } from './lease-coordinator';
import { PostgresLeaseStore } from './postgres-lease-store';

const TIMING = { leaseDurationMs: 2_000, renewDeadlineMs: 1_000, retryPeriodMs: 200 };

/** A replica's local clock: wall clock off by `offsetMs`; monotonic clock can be frozen (a paused process sees no time pass). */
class SkewedClock extends Clock {
  frozenAt: number | null = null;
  constructor(private readonly offsetMs: number) {
    super();
  }
  override now(): number {
    return super.now() + this.offsetMs;
  }
  override monotonic(): number {
    return this.frozenAt ?? super.monotonic() + this.offsetMs;
  }
}

/** A store whose calls hang while `stalled`, as over a dropped network path. */
class StallableStore extends PostgresLeaseStore {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  stall(): void {
    this.gate ??= new Promise((r) => (this.open = r));
  }
  resume(): void {
    this.open?.();
    this.gate = null;
  }
  override async acquireOrRenew(name: string, holder: string, ttlMs: number): Promise<number | null> {
    await this.gate;
    return super.acquireOrRenew(name, holder, ttlMs);
  }
}

describe('DbLeaseCoordinator on PostgreSQL', () => {
  let pg: PostgresServer;
  let url: string;
  let ds: DataSource;
  const running: DbLeaseCoordinator[] = [];
  const stores: StallableStore[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
  });
  beforeEach(async () => {
    url = await pg.createDatabase();
    ds = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    await ds.query('CREATE TABLE fenced_writes (id bigserial PRIMARY KEY, holder text NOT NULL, token bigint NOT NULL)');
  });
  afterEach(async () => {
    stores.splice(0).forEach((s) => s.resume());
    await Promise.all(running.splice(0).map((c) => c.beforeApplicationShutdown()));
    await ds.destroy();
  });
  afterAll(() => pg?.stop());

  const replica = (id: string, clock: Clock) => {
    const store = new StallableStore(url, 1_000, `test ${id}`);
    stores.push(store);
    const coordinator = new DbLeaseCoordinator(store, { ...TIMING, replicaId: id }, clock);
    running.push(coordinator);
    return { id, store, clock, coordinator, handle: null as LeaseHandle | null };
  };

  it('never has two holders at once while replicas with skewed clocks stall and recover', async () => {
    const replicas = [replica('a', new SkewedClock(-3 * 3_600_000)), replica('b', new SkewedClock(0)), replica('c', new SkewedClock(2 * 3_600_000 + 17))];
    for (const r of replicas) r.coordinator.hold('informer:prod', (h) => void (r.handle = h));
    const holders = () => replicas.filter((r) => r.handle && !r.handle.signal.aborted);
    let maxHolders = 0;
    const leaders = new Set<string>();
    const sampler = setInterval(() => {
      const now = holders();
      maxHolders = Math.max(maxHolders, now.length);
      now.forEach((r) => leaders.add(`${r.id}:${r.handle!.token}`));
    }, 5);
    try {
      for (let round = 0; round < 4; round++) {
        const leader = await waitFor('a leader', () => holders()[0]);
        leader.store.stall();
        await waitFor('another leader', () => holders().find((r) => r !== leader));
        leader.store.resume();
      }
    } finally {
      clearInterval(sampler);
    }
    expect(leaders.size).toBeGreaterThanOrEqual(5);
    expect(maxHolders).toBe(1);
  });

  it('rejects the writes of a paused ex-leader by its fencing token', async () => {
    const a = replica('a', new SkewedClock(0));
    const b = replica('b', new SkewedClock(5_000));
    a.coordinator.hold('informer:prod', (h) => void (a.handle = h));
    const write = (r: typeof a) =>
      ds.transaction(async (m) => {
        await r.handle!.guard(m);
        await m.query('INSERT INTO fenced_writes (holder, token) VALUES ($1, $2)', [r.id, r.handle!.token]);
      });
    await waitFor('a leads', () => a.handle ?? undefined);
    await write(a);
    // pause a: its renewals hang and its clock stands still, as under SIGSTOP
    (a.clock as SkewedClock).frozenAt = a.clock.monotonic();
    a.store.stall();
    b.coordinator.hold('informer:prod', (h) => void (b.handle = h));
    await waitFor('b leads', () => b.handle ?? undefined, 15_000);
    await write(b);
    expect(a.handle!.signal.aborted).toBe(false);
    await expect(write(a)).rejects.toBeInstanceOf(LeaseLostError);
    expect(a.handle!.signal.aborted).toBe(true);
    const rows = await ds.query('SELECT holder, token FROM fenced_writes ORDER BY id');
    expect(rows.map((r: { holder: string; token: string }) => `${r.holder}:${r.token}`)).toEqual([`a:${a.handle!.token}`, `b:${b.handle!.token}`]);
    expect(b.handle!.token).toBeGreaterThan(a.handle!.token);
  });
});
