import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ManualClock, settle } from '@knm/common/testing';
import { openDatabase } from '@knm/persistence';
import { DbLeaseCoordinator } from './db-lease-coordinator';
import { LeaseHandle, LeaseLostError } from './lease-coordinator';
import { LeaseGroupLoad } from './lease-store';
import { SqliteLeaseStore } from './sqlite-lease-store';

/**
 * Leases long enough that the database clock (real time) never expires one during a test: what
 * happens is decided by the coordinators' clock, which the test drives.
 */
const TIMING = { leaseDurationMs: 60_000, renewDeadlineMs: 30_000, retryPeriodMs: 1_000 };

/** The real SQLite store, counting statements in flight (so a test can let a round finish) and able to fail like an unreachable database. */
class ObservedStore extends SqliteLeaseStore {
  inFlight = 0;
  acquireAttempts = 0;
  broken = false;
  private async track<T>(run: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      if (this.broken) throw new Error('database unreachable');
      return await run();
    } finally {
      this.inFlight--;
    }
  }
  override ensure(name: string): Promise<void> {
    return this.track(() => super.ensure(name));
  }
  override acquireOrRenew(name: string, holder: string, ttlMs: number): Promise<number | null> {
    this.acquireAttempts++;
    return this.track(() => super.acquireOrRenew(name, holder, ttlMs));
  }
  override release(name: string, holder: string, token: number): Promise<void> {
    return this.track(() => super.release(name, holder, token));
  }
  override groupLoad(name: string, holder: string, graceMs: number): Promise<LeaseGroupLoad> {
    return this.track(() => super.groupLoad(name, holder, graceMs));
  }
  override isHeld(manager: EntityManager, name: string, holder: string, token: number): Promise<boolean> {
    return this.track(() => super.isHeld(manager, name, holder, token));
  }
}

describe('DbLeaseCoordinator on SQLite, driven by a manual clock', () => {
  let dir: string;
  let ds: DataSource;
  let clock: ManualClock;
  const stores: ObservedStore[] = [];
  const coordinators: DbLeaseCoordinator[] = [];

  const replica = (id: string) => {
    const store = new ObservedStore(ds);
    const coordinator = new DbLeaseCoordinator(store, { ...TIMING, replicaId: id }, clock);
    stores.push(store);
    coordinators.push(coordinator);
    return { store, coordinator };
  };

  /** Lets every statement started by woken loops finish, so the next step starts from rest. */
  const quiesce = async (): Promise<void> => {
    do await settle();
    while (stores.some((s) => s.inFlight > 0));
  };

  /** Steps the clock one retry period at a time until `done()` holds; fails after `maxSteps`. */
  const driveUntil = async (what: string, done: () => boolean, maxSteps = 100): Promise<void> => {
    for (let step = 0; step <= maxSteps; step++) {
      await quiesce();
      if (done()) return;
      await clock.advance(TIMING.retryPeriodMs);
    }
    throw new Error(`not reached within ${maxSteps} retry periods: ${what}`);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knm-lease-'));
    ds = await openDatabase({ databaseUrl: null, dataDir: dir });
    clock = new ManualClock();
  });
  afterEach(async () => {
    const shutdown = Promise.all(coordinators.splice(0).map((c) => c.beforeApplicationShutdown()));
    await quiesce();
    await shutdown;
    stores.splice(0);
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grants a lease to one contender and hands it over with a higher token on release', async () => {
    const handles: Record<string, LeaseHandle> = {};
    const a = replica('a');
    const stopA = a.coordinator.hold('informer:c1', (h) => void (handles.a = h));
    await driveUntil('a leads', () => !!handles.a);
    const b = replica('b');
    b.coordinator.hold('informer:c1', (h) => void (handles.b = h));
    await driveUntil('b tried three times', () => b.store.acquireAttempts >= 3);
    expect(handles.b).toBeUndefined();
    await stopA();
    expect(handles.a.signal.aborted).toBe(true);
    await driveUntil('b leads', () => !!handles.b);
    expect(handles.b.token).toBeGreaterThan(handles.a.token);
  });

  it('steps down when no renewal succeeds within the renew deadline, before the lease expires', async () => {
    const a = replica('a');
    let handle: LeaseHandle | undefined;
    a.coordinator.hold('informer:c1', (h) => void (handle = h));
    await driveUntil('a leads', () => !!handle);
    a.store.broken = true;
    await clock.advance(TIMING.renewDeadlineMs - TIMING.retryPeriodMs);
    expect(handle!.signal.aborted).toBe(false);
    await driveUntil('a steps down', () => handle!.signal.aborted, 2 + TIMING.renewDeadlineMs / TIMING.retryPeriodMs);
    const [row] = await ds.query(`SELECT expires_at > strftime('%Y-%m-%d %H:%M:%f', 'now') AS valid FROM leases WHERE name = 'informer:c1'`);
    expect(row.valid).toBe(1);
  });

  it('rejects a guarded write once another replica holds the lease', async () => {
    let handle: LeaseHandle | undefined;
    replica('a').coordinator.hold('informer:c1', (h) => void (handle = h));
    await driveUntil('a leads', () => !!handle);
    await ds.query(`UPDATE leases SET holder = 'b', token = token + 1 WHERE name = 'informer:c1'`);
    await expect(ds.transaction((m) => handle!.guard(m))).rejects.toBeInstanceOf(LeaseLostError);
    expect(handle!.signal.aborted).toBe(true);
  });

  it('forgets the heartbeat rows of replicas gone for over an hour, and stops counting clusters nobody renewed for an hour', async () => {
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
    await ds.query(`INSERT INTO leases (name, holder, token, renewed_at, expires_at) VALUES ('replica:old', 'old', 1, ?, ?), ('replica:recent', 'recent', 1, ?, ?)`, [ago(3), ago(2), ago(0.2), ago(0.1)]);
    await ds.query(`INSERT INTO leases (name, holder, token, renewed_at, expires_at) VALUES ('informer:deleted', NULL, 3, ?, ?)`, [ago(2), ago(2)]);
    let held = false;
    replica('a').coordinator.hold('informer:c1', () => void (held = true));
    await driveUntil('a leads', () => held);
    const names = (await ds.query(`SELECT name FROM leases WHERE name LIKE 'replica:%' ORDER BY name`)).map((r: { name: string }) => r.name);
    expect(names).toEqual(['replica:a', 'replica:recent']);
    const load = await new SqliteLeaseStore(ds).groupLoad('informer:c1', 'a', 1_000);
    expect(load.total).toBe(1);
  });

  it('spreads six leases over three replicas, two each, also when one replica started first', async () => {
    const held = new Map<string, string>();
    const contend = (id: string) => {
      const { coordinator } = replica(id);
      for (let n = 0; n < 6; n++) {
        coordinator.hold(`informer:c${n}`, (h) => {
          held.set(h.name, id);
          h.signal.addEventListener('abort', () => held.get(h.name) === id && held.delete(h.name));
        });
      }
    };
    contend('a');
    await driveUntil('a holds all six', () => held.size === 6);
    contend('b');
    contend('c');
    const perReplica = () => ['a', 'b', 'c'].map((id) => [...held.values()].filter((h) => h === id).length);
    await driveUntil('two leases each', () => perReplica().every((n) => n === 2), 1_000);
  });
});
