/** What to do with one incoming socket event. */
export type LimiterVerdict = 'accept' | 'refuse' | 'disconnect';

/**
 * Per-socket event rate limit: a token bucket holding `perSecond` tokens, refilled at
 * `perSecond` per second (so bursts of up to `perSecond` pass, and `perSecond` per second
 * sustained). An event without a token is refused; a socket that keeps sending while refused
 * (more than `perSecond` refused events in a row, i.e. over twice its allowance without pausing)
 * is to be disconnected.
 */
export class SocketEventLimiter {
  private tokens: number;
  private last: number;
  private refusedInARow = 0;

  /** @param now monotonic ms (Clock.monotonic). */
  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  admit(): LimiterVerdict {
    const t = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((t - this.last) * this.perSecond) / 1000);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return 'accept';
    }
    this.refusedInARow++;
    return this.refusedInARow > this.perSecond ? 'disconnect' : 'refuse';
  }
}
