import type { RandomSource } from './clock';

/** How delays between attempts grow. All durations in ms. */
export interface BackoffPolicy {
  /** Delay base after the first failure, ms. */
  readonly initialMs: number;
  /** Ceiling of the delay base, ms. */
  readonly maxMs: number;
  /** Growth of the base per consecutive failure (default 2). */
  readonly factor?: number;
  /**
   * {@link Backoff} only: once the guarded work has been healthy this long, the sequence restarts
   * at `initialMs` (ms; default: only {@link Backoff.reset} restarts it). client-go's reflector
   * backoff manager does the same after 2 min without failures.
   */
  readonly resetAfterMs?: number;
}

/** The part of {@link RandomSource} a backoff needs: uniform in [0, 1). */
export type JitterSource = Pick<RandomSource, 'next'>;

/**
 * Delay before the next attempt after `failures` consecutive failures (1-based), ms.
 *
 * Without `retryAfterMs`: base = min(maxMs, initialMs * factor^(failures - 1)), waited with
 * "equal jitter" (half fixed, half uniform: base/2 + random * base/2, AWS Architecture Blog,
 * "Exponential Backoff And Jitter"), so callers that failed together do not retry together.
 * With `retryAfterMs` (a server's Retry-After, RFC 9110 section 10.2.3, already in ms): at least
 * that wait, plus up to `initialMs` of jitter; the server's wait is never shortened or capped here.
 */
export function backoffDelayMs(policy: BackoffPolicy, failures: number, random: JitterSource, retryAfterMs: number | null = null): number {
  const jitter = random.next();
  if (retryAfterMs !== null) return Math.round(retryAfterMs + jitter * policy.initialMs);
  const growth = (policy.factor ?? 2) ** Math.max(0, failures - 1);
  const base = Math.min(policy.maxMs, policy.initialMs * growth);
  return Math.round(base / 2 + (jitter * base) / 2);
}

/**
 * Consecutive-failure counter over {@link backoffDelayMs}, for loops that retry the same work
 * (a watch, a LISTEN connection). Times passed in are monotonic ms (`Clock.monotonic()`).
 */
export class Backoff {
  private failures = 0;
  private healthySince: number | null = null;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: JitterSource,
  ) {}

  /** Consecutive failures since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** Records a failure at `nowMs` and returns the delay to wait before retrying, ms. */
  nextDelay(nowMs: number, retryAfterMs: number | null = null): number {
    this.resetIfHealthyLongEnough(nowMs);
    this.healthySince = null;
    this.failures++;
    return backoffDelayMs(this.policy, this.failures, this.random, retryAfterMs);
  }

  /** Records that the work is healthy at `nowMs`; after `resetAfterMs` of health the sequence restarts. */
  markHealthy(nowMs: number): void {
    if (this.healthySince === null) this.healthySince = nowMs;
    this.resetIfHealthyLongEnough(nowMs);
  }

  /** Restarts the sequence now (the work succeeded in a way that proves recovery). */
  reset(): void {
    this.failures = 0;
    this.healthySince = null;
  }

  private resetIfHealthyLongEnough(nowMs: number): void {
    const { resetAfterMs } = this.policy;
    if (resetAfterMs !== undefined && this.healthySince !== null && nowMs - this.healthySince >= resetAfterMs) this.failures = 0;
  }
}
