import type { EntityManager } from 'typeorm';

/** What a holder of a lease gets while it leads. */
export interface LeaseHandle {
  /** Lease name, e.g. `informer:<cluster>`. */
  readonly name: string;
  /** Fencing token: increases every time the lease changes holder. */
  readonly token: number;
  /** Aborted when this replica loses, gives up or releases the lease: stop the guarded work at once. */
  readonly signal: AbortSignal;
  /**
   * Call inside the transaction of every database write the leader makes: throws `LeaseLostError`
   * unless this replica still holds the lease with this token (judged by the database), so a
   * paused or partitioned ex-leader's writes are rejected.
   */
  guard(manager: EntityManager): Promise<void>;
}

/** Thrown by {@link LeaseHandle.guard} when the lease is no longer held with the handle's token. */
export class LeaseLostError extends Error {
  constructor(readonly lease: string, readonly token: number) {
    super(`lease ${lease} is no longer held with token ${token}`);
    this.name = 'LeaseLostError';
  }
}

/** One lease this replica contends for, as health and metrics report it. */
export interface LeaseStatus {
  name: string;
  /** True while this replica holds the lease (its handle is not aborted). */
  held: boolean;
  /** Fencing token of the current handle, or null when not held. */
  token: number | null;
}

/**
 * Runs work only while this replica holds a named lease. Embedded mode grants every lease to the
 * one process; replicated mode elects one holder per lease through the database (TECH-NOTES 4).
 */
export abstract class LeaseCoordinator {
  /**
   * Starts contending for `name`. Each time the lease is acquired, `onAcquired(handle)` runs; when
   * it is lost, `handle.signal` aborts (and contention continues). The returned function stops
   * contending, aborts the current handle and releases the lease. Return the guarded work's promise
   * from `onAcquired` (settling once the work has stopped after the abort): a release or hand-over
   * then waits for it (up to the renew deadline) before freeing the lease, so a successor never
   * overlaps the last write.
   */
  abstract hold(name: string, onAcquired: (lease: LeaseHandle) => void | Promise<void>): () => Promise<void>;

  /**
   * Every lease this replica currently contends for, sorted by name. No I/O. Not abstract so that
   * test fakes of this seam need not implement it (they report none).
   */
  status(): LeaseStatus[] {
    return [];
  }
}
