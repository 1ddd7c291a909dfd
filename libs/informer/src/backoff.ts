/** Settings of {@link Backoff}; all durations in ms. */
export interface BackoffOptions {
  /** First delay (default 500 ms). */
  initialMs: number;
  /** Ceiling of the delay (default 30 000 ms). */
  maxMs: number;
  /** Growth per failure (default 2). */
  factor: number;
  /** A success held this long resets the sequence to `initialMs` (default 60 000 ms). */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, resetAfterMs: 60_000 };

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits
 * `base/2 + random * base/2` where `base = min(maxMs, initialMs * factor^(n-1))`, so delays
 * grow but restarts of many clusters do not synchronise. `random` is [0, 1) (inject RandomSource).
 * Like client-go's wait.Backoff with a reset after a healthy period (client-go's reflector
 * backoff manager resets after 2 min without failures).
 */
export class Backoff {
  private failures = 0;
  private healthySince: number | null = null;

  constructor(
    private readonly random: () => number,
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  /** Consecutive failures since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** Records a failure at `nowMs` (monotonic) and returns the delay to wait before retrying, in ms. */
  nextDelay(nowMs: number): number {
    this.maybeReset(nowMs);
    this.healthySince = null;
    this.failures++;
    const { initialMs, maxMs, factor } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** (this.failures - 1));
    return Math.round(base / 2 + this.random() * (base / 2));
  }

  /** Records that the guarded work is healthy as of `nowMs`; after `resetAfterMs` of health the sequence restarts. */
  markHealthy(nowMs: number): void {
    if (this.healthySince === null) this.healthySince = nowMs;
    this.maybeReset(nowMs);
  }

  private maybeReset(nowMs: number): void {
    if (this.healthySince !== null && nowMs - this.healthySince >= this.options.resetAfterMs) this.failures = 0;
  }
}
