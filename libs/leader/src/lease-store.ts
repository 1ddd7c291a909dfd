import type { EntityManager } from 'typeorm';

/** How loaded a group of leases is (group = the lease name up to its first `:`, e.g. `informer`). */
export interface LeaseGroupLoad {
  /** Live replicas: unexpired `replica:<id>` leases (at least 1: the caller). */
  liveReplicas: number;
  /**
   * Lease rows in the group renewed within the last hour or never held yet (every cluster's row
   * exists once anyone contends; rows of deleted clusters stop counting after an hour).
   */
  total: number;
  /** Unexpired leases of the group held by the caller. */
  mine: number;
  /** True when this lease has been free (no holder or expired) for longer than the grace given. */
  freeLongerThanGrace: boolean;
}

/**
 * Database side of leader election (TECH-NOTES 4): every decision about who holds a lease is one
 * guarded statement judged by the database clock. Implementations: PostgreSQL (a dedicated
 * connection) and SQLite (one process). Methods reject on database errors and timeouts.
 */
export abstract class LeaseStore {
  /**
   * Inserts the lease row when absent (`ON CONFLICT DO NOTHING`). Idempotent. For a `replica:` row
   * also deletes heartbeat rows of replicas expired for over an hour.
   */
  abstract ensure(name: string): Promise<void>;
  /**
   * Acquire-or-renew in ONE guarded UPDATE: succeeds when `holder` holds the lease or it is free
   * or expired; the token increments when the holder changes; `expires_at = now() + ttlMs`.
   * Returns the fencing token, or null when another holder's lease is still valid.
   */
  abstract acquireOrRenew(name: string, holder: string, ttlMs: number): Promise<number | null>;
  /** Frees the lease if still held by `holder` with `token` (expires now). */
  abstract release(name: string, holder: string, token: number): Promise<void>;
  /** Load of `name`'s group, to spread leases across replicas. `graceMs` see {@link LeaseGroupLoad}. */
  abstract groupLoad(name: string, holder: string, graceMs: number): Promise<LeaseGroupLoad>;
  /**
   * True when `holder` still holds `name` with `token` and the lease has not expired, read inside the
   * caller's transaction (`manager`); on PostgreSQL the row is locked FOR SHARE so a takeover waits
   * until the guarded transaction ends.
   */
  abstract isHeld(manager: EntityManager, name: string, holder: string, token: number): Promise<boolean>;
  /** Closes the store's own connection, if any. */
  abstract close(): Promise<void>;
}
