import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Clock } from '@knm/common';
import { openDatabase } from '@knm/persistence';
import { DbLeaseCoordinator } from './db-lease-coordinator';
import { LeaseHandle, LeaseLostError } from './lease-coordinator';
import { SqliteLeaseStore } from './sqlite-lease-store';
import { waitFor } from '../../../test/harness/wait-for';

const until = (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> =>
  waitFor(what, probe, timeoutMs, 10);

const TIMING = { leaseDurationMs: 800, renewDeadlineMs: 500, retryPeriodMs: 50 };

/** A SQLite store whose acquire/renew can be made to fail, as an unreachable database would. */
class BreakableStore extends SqliteLeaseStore {
  broken = false;
  override async acquireOrRenew(name: string, holder: string, ttlMs: number): Promise<number | null> {
    if (this.broken) throw new Error('database unreachable');
    return super.acquireOrRenew(name, holder, ttlMs);
  }
}

describe('DbLeaseCoordinator on SQLite', () => {
  let dir: string;
  let ds: DataSource;
  const coordinators: DbLeaseCoordinator[] = [];
  const coordinator = (id: string, store = new SqliteLeaseStore(ds)) => {
    const c = new DbLeaseCoordinator(store, { ...TIMING, replicaId: id }, new Clock());
    coordinators.push(c);
    return c;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knm-lease-'));
    ds = await openDatabase({ databaseUrl: null, dataDir: dir });
  });
  afterEach(async () => {
    await Promise.all(coordinators.splice(0).map((c) => c.beforeApplicationShutdown()));
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grants a lease to one contender and hands it over with a higher token on release', async () => {
    const handles: Record<string, LeaseHandle> = {};
    const stopA = coordinator('a').hold('informer:c1', (h) => void (handles.a = h));
    await until('a leads', () => !!handles.a);
    coordinator('b').hold('informer:c1', (h) => void (handles.b = h));
    await new Promise((r) => setTimeout(r, 3 * TIMING.retryPeriodMs));
    expect(handles.b).toBeUndefined();
    await stopA();
    expect(handles.a.signal.aborted).toBe(true);
    await until('b leads', () => !!handles.b);
    expect(handles.b.token).toBeGreaterThan(handles.a.token);
  });

  it('steps down when no renewal succeeds within the renew deadline, before the lease expires', async () => {
    const store = new BreakableStore(ds);
    let handle: LeaseHandle | undefined;
    coordinator('a', store).hold('informer:c1', (h) => void (handle = h));
    await until('a leads', () => !!handle);
    store.broken = true;
    await until('a steps down', () => handle!.signal.aborted);
    const [row] = await ds.query(`SELECT expires_at > strftime('%Y-%m-%d %H:%M:%f', 'now') AS valid FROM leases WHERE name = 'informer:c1'`);
    expect(row.valid).toBe(1);
  });

  it('rejects a guarded write once another replica holds the lease', async () => {
    let a: LeaseHandle | undefined;
    coordinator('a').hold('informer:c1', (h) => void (a = h));
    await until('a leads', () => !!a);
    await ds.query(`UPDATE leases SET holder = 'b', token = token + 1 WHERE name = 'informer:c1'`);
    await expect(ds.transaction((m) => a!.guard(m))).rejects.toBeInstanceOf(LeaseLostError);
    expect(a!.signal.aborted).toBe(true);
  });

  it('forgets the heartbeat rows of replicas gone for over an hour, and stops counting clusters nobody renewed for an hour', async () => {
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
    await ds.query(`INSERT INTO leases (name, holder, token, renewed_at, expires_at) VALUES ('replica:old', 'old', 1, ?, ?), ('replica:recent', 'recent', 1, ?, ?)`, [ago(3), ago(2), ago(0.2), ago(0.1)]);
    await ds.query(`INSERT INTO leases (name, holder, token, renewed_at, expires_at) VALUES ('informer:deleted', NULL, 3, ?, ?)`, [ago(2), ago(2)]);
    let held = false;
    coordinator('a').hold('informer:c1', () => void (held = true));
    await until('a leads', () => held);
    const names = (await ds.query(`SELECT name FROM leases WHERE name LIKE 'replica:%' ORDER BY name`)).map((r: { name: string }) => r.name);
    expect(names).toEqual(['replica:a', 'replica:recent']);
    const load = await new SqliteLeaseStore(ds).groupLoad('informer:c1', 'a', 1_000);
    expect(load.total).toBe(1);
  });

  it('spreads six leases over three replicas, two each, also when one replica started first', async () => {
    const held = new Map<string, string>();
    const ids = ['a', 'b', 'c'];
    const contend = (id: string) => {
      const c = coordinator(id);
      for (let n = 0; n < 6; n++) {
        c.hold(`informer:c${n}`, (h) => {
          held.set(h.name, id);
          h.signal.addEventListener('abort', () => held.get(h.name) === id && held.delete(h.name));
        });
      }
    };
    contend('a');
    await until('a holds all six', () => held.size === 6);
    contend('b');
    contend('c');
    const perReplica = () => ids.map((id) => [...held.values()].filter((h) => h === id).length);
    await until('two leases each', () => perReplica().every((n) => n === 2), 20_000);
  }, 30_000);
});
