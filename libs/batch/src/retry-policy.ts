/** Backoff settings (ms). */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 10_000 };

/**
 * Delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed, ms.
 * Without Retry-After: exponential `base * 2^(attempt-1)` capped at `maxMs`, with "equal jitter"
 * (half fixed, half uniform) so nodes failing together do not retry together.
 * With Retry-After: at least the server's wait, plus up to `baseMs` of jitter.
 * `random` is uniform in [0, 1) (RandomSource.next()).
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random: number, opts: BackoffOptions = DEFAULT_BACKOFF): number {
  if (retryAfterMs !== null) return Math.round(retryAfterMs + random * opts.baseMs);
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random * exp) / 2);
}
