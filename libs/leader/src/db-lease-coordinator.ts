import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, type LeaseTiming } from '@knm/common';
import { LeaseCoordinator, LeaseHandle, LeaseLostError, LeaseStatus } from './lease-coordinator';
import { LeaseStore } from './lease-store';

/** Options of {@link DbLeaseCoordinator}. */
export interface DbLeaseOptions extends LeaseTiming {
  /** This replica's identity, written as `holder` (AppConfig.replicaId). */
  replicaId: string;
}

type Work = (lease: LeaseHandle) => void | Promise<void>;

interface Held {
  handle: LeaseHandle;
  controller: AbortController;
  /** Settles when `onAcquired`'s promise settles (the guarded work has stopped, by contract). */
  work: Promise<void>;
}

interface Contender {
  name: string;
  onAcquired: Work;
  held: Held | null;
  /** Monotonic ms at which the last successful renew was *sent* (conservative). */
  renewedAt: number;
  ensured: boolean;
  /** Monotonic ms of the last spread check while holding. */
  loadCheckedAt: number;
  stop: AbortController;
  loop: Promise<void>;
  lastError: string | null;
}

/** Group of a lease name (`informer:prod` -> `informer`); leases of one group are spread across replicas. */
const groupOf = (name: string): string => name.split(':')[0];
const REPLICA_GROUP = 'replica';

/**
 * Leader election on the `leases` table (TECH-NOTES 4), for PostgreSQL (replicated mode) and SQLite.
 *
 * - Every `retryPeriodMs` each contender runs ONE guarded acquire-or-renew UPDATE judged by the
 *   database clock (`LeaseStore.acquireOrRenew`); the lease lasts `leaseDurationMs`; the fencing
 *   token increments when the holder changes.
 * - Step-down: when no renewal succeeded for `renewDeadlineMs` on the injectable monotonic clock
 *   (measured from when the last successful renew was sent), the handle is aborted, before the
 *   lease can expire for others. Local wall clocks are never used.
 * - `handle.guard(manager)` re-checks holder, token and expiry inside the caller's transaction and
 *   throws {@link LeaseLostError} (also aborting the handle) when the lease is gone.
 * - Spread: each replica holds `replica:<id>` as a liveness heartbeat (from its first `hold`).
 *   Before *acquiring* a lease of a group other than `replica`, a replica that already holds
 *   ceil(group size / live replicas) leases of that group skips it unless the lease has stayed free
 *   for a further `leaseDurationMs` (nobody with room took it). While holding, at most once per
 *   lease duration, a replica holding more than that share hands one lease over (release after its
 *   work stopped), so replicas that start later get their share. While others have room nobody
 *   exceeds ceil(n / live) + 1 (the +1 covers replicas joining or dying between reads).
 * - Release (stop function, or application shutdown): abort the handle, wait for the work promise
 *   returned by `onAcquired` (up to `renewDeadlineMs`), then free the lease; so release comes only
 *   after the guarded work has stopped, and a successor need not wait for expiry.
 */
export class DbLeaseCoordinator extends LeaseCoordinator implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DbLeaseCoordinator');
  private readonly contenders = new Map<string, Contender>();
  private heartbeat: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: DbLeaseOptions,
    private readonly clock: Clock = new Clock(),
  ) {
    super();
  }

  /** Starts contending for `name` (see {@link LeaseCoordinator.hold}). Throws if already contending for it. */
  hold(name: string, onAcquired: Work): () => Promise<void> {
    if (this.closed) throw new Error(`lease coordinator is shut down; cannot hold ${name}`);
    if (this.contenders.has(name)) throw new Error(`already contending for lease ${name}`);
    if (!this.heartbeat && groupOf(name) !== REPLICA_GROUP) {
      this.heartbeat = this.hold(`${REPLICA_GROUP}:${this.options.replicaId}`, () => undefined);
    }
    const c: Contender = { name, onAcquired, held: null, renewedAt: 0, ensured: false, loadCheckedAt: 0, stop: new AbortController(), loop: Promise.resolve(), lastError: null };
    this.contenders.set(name, c);
    c.loop = this.run(c);
    return () => this.release(c);
  }

  override status(): LeaseStatus[] {
    return [...this.contenders.values()]
      .filter((c) => groupOf(c.name) !== REPLICA_GROUP)
      .map((c) => ({ name: c.name, held: c.held !== null && !c.held.controller.signal.aborted, token: c.held?.handle.token ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Releases every lease (work first, heartbeat last) and closes the store's connection. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    const others = [...this.contenders.values()].filter((c) => groupOf(c.name) !== REPLICA_GROUP);
    await Promise.all(others.map((c) => this.release(c)));
    await this.heartbeat?.();
    await this.store.close();
  }

  private async run(c: Contender): Promise<void> {
    const deadlineTimer = this.watchDeadline(c);
    while (!c.stop.signal.aborted) {
      const sentAt = this.clock.monotonic();
      try {
        await this.attempt(c, sentAt);
        c.lastError = null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message !== c.lastError) this.logger.warn(`lease ${c.name}: ${message}`);
        c.lastError = message;
      }
      await this.clock.sleep(this.options.retryPeriodMs, c.stop.signal).catch(() => undefined);
    }
    await deadlineTimer;
  }

  /** One acquire-or-renew round; `sentAt` is the monotonic time before the statement was sent. */
  private async attempt(c: Contender, sentAt: number): Promise<void> {
    if (!c.ensured) {
      await this.store.ensure(c.name);
      c.ensured = true;
    }
    if (!c.held && groupOf(c.name) !== REPLICA_GROUP && !(await this.hasRoomFor(c.name))) return;
    const token = await this.store.acquireOrRenew(c.name, this.options.replicaId, this.options.leaseDurationMs);
    if (c.stop.signal.aborted) return;
    if (token === null) {
      if (c.held) this.stepDown(c, 'held by another replica');
      return;
    }
    if (c.held && c.held.handle.token === token && !c.held.controller.signal.aborted) {
      c.renewedAt = sentAt;
      if (await this.holdsTooMany(c)) await this.handOver(c, 'rebalancing: this replica holds more than its share');
      return;
    }
    if (c.held) this.stepDown(c, `token changed to ${token}`);
    c.renewedAt = sentAt;
    this.grant(c, token);
  }

  private async hasRoomFor(name: string): Promise<boolean> {
    const load = await this.store.groupLoad(name, this.options.replicaId, this.options.leaseDurationMs);
    return load.mine < Math.ceil(load.total / load.liveReplicas) || load.freeLongerThanGrace;
  }

  /**
   * Checked at most once per lease duration while holding: true when this replica holds more than
   * ceil(group size / live replicas) leases of the group, e.g. after more replicas started.
   */
  private async holdsTooMany(c: Contender): Promise<boolean> {
    if (groupOf(c.name) === REPLICA_GROUP || this.clock.monotonic() - c.loadCheckedAt < this.options.leaseDurationMs) return false;
    c.loadCheckedAt = this.clock.monotonic();
    const load = await this.store.groupLoad(c.name, this.options.replicaId, this.options.leaseDurationMs);
    return load.mine > Math.ceil(load.total / load.liveReplicas);
  }

  /** Aborts the handle once no renewal succeeded within the renew deadline, even while a renew hangs. */
  private async watchDeadline(c: Contender): Promise<void> {
    const period = Math.max(5, Math.min(this.options.retryPeriodMs, this.options.renewDeadlineMs / 4));
    while (!c.stop.signal.aborted) {
      await this.clock.sleep(period, c.stop.signal).catch(() => undefined);
      if (c.held && this.clock.monotonic() - c.renewedAt > this.options.renewDeadlineMs) {
        this.stepDown(c, `no renewal within ${this.options.renewDeadlineMs} ms`);
      }
    }
  }

  private grant(c: Contender, token: number): void {
    const controller = new AbortController();
    const handle: LeaseHandle = {
      name: c.name,
      token,
      signal: controller.signal,
      guard: (manager: EntityManager) => this.guard(c, handle, manager),
    };
    const work = Promise.resolve()
      .then(() => c.onAcquired(handle))
      .catch((err: unknown) => this.logger.error(`work under lease ${c.name} failed: ${err instanceof Error ? err.stack : String(err)}`));
    c.held = { handle, controller, work };
    if (groupOf(c.name) !== REPLICA_GROUP) this.logger.log(`acquired lease ${c.name} (token ${token})`);
  }

  private async guard(c: Contender, handle: LeaseHandle, manager: EntityManager): Promise<void> {
    if (handle.signal.aborted || !(await this.store.isHeld(manager, c.name, this.options.replicaId, handle.token))) {
      if (c.held?.handle === handle) this.stepDown(c, 'fencing check failed');
      throw new LeaseLostError(c.name, handle.token);
    }
  }

  private stepDown(c: Contender, reason: string): void {
    const held = c.held;
    if (!held) return;
    c.held = null;
    held.controller.abort(new LeaseLostError(c.name, held.handle.token));
    if (groupOf(c.name) !== REPLICA_GROUP) this.logger.warn(`gave up lease ${c.name} (token ${held.handle.token}): ${reason}`);
  }

  private async release(c: Contender): Promise<void> {
    if (this.contenders.get(c.name) !== c) return;
    this.contenders.delete(c.name);
    c.stop.abort();
    await c.loop;
    await this.handOver(c, 'released');
  }

  /** Aborts the handle, waits (up to the renew deadline) for the work to stop, then frees the lease. */
  private async handOver(c: Contender, reason: string): Promise<void> {
    const held = c.held;
    if (!held) return;
    this.stepDown(c, reason);
    const timeout = new AbortController();
    const waited = await Promise.race([
      held.work.then(() => true),
      this.clock.sleep(this.options.renewDeadlineMs, timeout.signal).then(() => false, () => false),
    ]);
    timeout.abort();
    if (!waited) {
      this.logger.warn(`work under lease ${c.name} did not stop within ${this.options.renewDeadlineMs} ms; leaving the lease to expire`);
      return;
    }
    await this.store.release(c.name, this.options.replicaId, held.handle.token).catch((err: unknown) => {
      this.logger.warn(`could not release lease ${c.name}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}
