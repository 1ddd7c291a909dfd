import { Clock } from '../clock';

interface Sleeper {
  due: number;
  resolve: () => void;
}

/** Lets pending promise callbacks and one macrotask turn run (what a woken sleeper does next). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A {@link Clock} that moves only when a test says so: `now()` and `monotonic()` return the same
 * manual time (ms), and `sleep(ms)` resolves when {@link advance} passes its due time (rejects
 * at once with the signal's reason on abort). Tests drive time without waiting for it.
 */
export class ManualClock extends Clock {
  private time: number;
  private readonly sleepers = new Set<Sleeper>();

  constructor(startMs = Date.parse('2026-11-21T10:00:00Z')) {
    super();
    this.time = startMs;
  }

  override now(): number {
    return this.time;
  }

  override monotonic(): number {
    return this.time;
  }

  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = {
        due: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.add(sleeper);
    });
  }

  /** Sleeps not yet due. */
  get pendingSleeps(): number {
    return this.sleepers.size;
  }

  /** Durations (ms from now) of the pending sleeps, shortest first. */
  pendingDelays(): number[] {
    return [...this.sleepers].map((s) => s.due - this.time).sort((a, b) => a - b);
  }

  /**
   * Moves time forward by `ms`, waking each sleep due by then in due order and letting what it
   * starts run ({@link settle}) before the next one, so a loop that sleeps again is woken again
   * when its next sleep also falls within `ms`.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const next = [...this.sleepers].filter((s) => s.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.sleepers.delete(next);
      this.time = Math.max(this.time, next.due);
      next.resolve();
      await settle();
    }
    this.time = target;
    await settle();
  }
}
