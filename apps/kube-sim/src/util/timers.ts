/**
 * Unref'd one-shot timers that can all be stopped at once (a simulator's controllers must not keep
 * the process alive, and stop() must leave nothing behind).
 */
export class SimTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `fn` after `ms` real milliseconds. */
  after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, Math.max(0, ms));
    t.unref();
    this.timers.add(t);
    return t;
  }

  /** Cancels one timer. */
  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  /** Cancels every pending timer. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
