/**
 * The names of the registered clusters, as the socket gateway needs them: re-read from the
 * database at most once per `maxAgeMs` (one read at a time), so a socket sending subscribe
 * requests for made-up clusters costs at most one small query per interval, not one per event.
 * A cluster registered on another replica is known within `maxAgeMs`.
 */
export class KnownClusters {
  private names = new Set<string>();
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;

  /** @param now monotonic ms (Clock.monotonic). */
  constructor(
    private readonly load: () => Promise<string[]>,
    private readonly now: () => number,
    private readonly maxAgeMs = 1_000,
  ) {}

  /** Whether `cluster` is registered. @throws what `load` throws. */
  async has(cluster: string): Promise<boolean> {
    if (this.now() - this.readAt >= this.maxAgeMs) {
      this.reading ??= this.refresh().finally(() => (this.reading = null));
      await this.reading;
    }
    return this.names.has(cluster);
  }

  private async refresh(): Promise<void> {
    const startedAt = this.now();
    this.names = new Set(await this.load());
    this.readAt = startedAt;
  }
}
