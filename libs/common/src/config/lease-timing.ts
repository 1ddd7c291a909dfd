/**
 * Lease timings, ms. Defaults follow client-go's leader election (lease 15 s, renew deadline 10 s,
 * retry 2 s) and must keep its ordering: lease > renew deadline > 1.2 x retry period, so a
 * replica that cannot renew stops acting well before anyone else may take over.
 */
export interface LeaseTiming {
  /** How long a renewal keeps the lease, judged by the database clock. */
  leaseDurationMs: number;
  /** Step down locally (monotonic clock) when no renewal succeeded for this long. */
  renewDeadlineMs: number;
  /** Pause between acquire/renew attempts. */
  retryPeriodMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

/** Returns the first broken ordering rule, or null when the timing is sound. */
export function leaseTimingViolation(t: LeaseTiming): string | null {
  if (!(t.leaseDurationMs > t.renewDeadlineMs)) return `lease duration (${t.leaseDurationMs} ms) must exceed the renew deadline (${t.renewDeadlineMs} ms)`;
  if (!(t.renewDeadlineMs > 1.2 * t.retryPeriodMs)) return `renew deadline (${t.renewDeadlineMs} ms) must exceed 1.2 x the retry period (${t.retryPeriodMs} ms)`;
  if (t.retryPeriodMs < 10) return `retry period (${t.retryPeriodMs} ms) must be at least 10 ms`;
  return null;
}
