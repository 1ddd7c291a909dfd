import { ApiError, internalError, tooManyRequests } from '../api/status';
import type { Random } from '../util/random';

/**
 * Fault switches, settable at start (options / CLI flags) and at run time (`PUT /sim/faults`,
 * `sim.faults.set`). Rates are probabilities 0..1 per request; times as named.
 */
export interface FaultSettings {
  /** Added latency before every Kubernetes API request is handled (ms). */
  latencyMs: number;
  /** Extra uniform random latency 0..jitter added to `latencyMs` (ms). */
  latencyJitterMs: number;
  /** Share of API requests answered 500 InternalError. */
  errorRate500: number;
  /** Share of API requests answered 429 TooManyRequests with `Retry-After: retryAfterSeconds`. */
  errorRate429: number;
  /** `Retry-After` of injected and rate-limited 429s (s). */
  retryAfterSeconds: number;
  /** API requests allowed per second before answering 429 (0 = unlimited). Token bucket, burst = rate. */
  maxRequestsPerSecond: number;
  /** Watch events each resource retains for resuming watches; smaller = resumed watches get 410 sooner. */
  watchHistorySize: number;
  /** Drop every open watch connection this often (s); 0 = never. */
  dropWatchesEverySeconds: number;
  /** How drops end a watch: 'close' finishes the HTTP response, 'reset' destroys the TCP connection. */
  dropWatchMode: 'close' | 'reset';
  /** The next N watch requests get an in-stream 410 Expired regardless of resourceVersion. */
  forceGoneOnNextWatches: number;
}

/** Defaults: no faults, 10,000 events of history per resource. */
export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate500: 0,
  errorRate429: 0,
  retryAfterSeconds: 1,
  maxRequestsPerSecond: 0,
  watchHistorySize: 10_000,
  dropWatchesEverySeconds: 0,
  dropWatchMode: 'close',
  forceGoneOnNextWatches: 0,
};

const NUMBER_FIELDS = Object.keys(DEFAULT_FAULTS).filter((k) => typeof DEFAULT_FAULTS[k as keyof FaultSettings] === 'number') as (keyof FaultSettings)[];

/**
 * Checks a partial settings object from a client; returns the accepted partial.
 * @throws Error naming the first bad field (the control API answers 400).
 */
export function parseFaultSettings(input: unknown): Partial<FaultSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('fault settings must be a JSON object');
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'dropWatchMode') {
      if (value !== 'close' && value !== 'reset') throw new Error(`dropWatchMode must be "close" or "reset"`);
      out.dropWatchMode = value;
    } else if ((NUMBER_FIELDS as string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a non-negative number`);
      if (key.startsWith('errorRate') && value > 1) throw new Error(`${key} must be between 0 and 1`);
      (out as Record<string, number>)[key] = value;
    } else throw new Error(`unknown fault setting: ${key}`);
  }
  return out;
}

/** Applies request-level faults: latency, random 500/429, and the request-rate limit. */
export class FaultInjector {
  private settings: FaultSettings;
  private tokens = 0;
  private lastRefill = 0;

  constructor(
    initial: Partial<FaultSettings>,
    private readonly random: Random,
    private readonly nowMs: () => number,
    /** Called when settings change, so watch-related switches take effect. */
    private readonly onChange: (s: FaultSettings) => void,
  ) {
    this.settings = { ...DEFAULT_FAULTS, ...initial };
  }

  /** A copy of the current settings. */
  get(): FaultSettings {
    return { ...this.settings };
  }

  /** Merges `partial` into the settings and returns the result. */
  set(partial: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...partial };
    this.onChange(this.get());
    return this.get();
  }

  /** Consumes one forced 410 if any is pending. */
  takeForcedGone(): boolean {
    if (this.settings.forceGoneOnNextWatches <= 0) return false;
    this.settings.forceGoneOnNextWatches--;
    return true;
  }

  /**
   * Waits the configured latency, then returns the error to answer instead of handling the
   * request (rate limit first, then random 429, then random 500), or undefined.
   */
  async admit(): Promise<ApiError | undefined> {
    const s = this.settings;
    const delay = s.latencyMs + (s.latencyJitterMs > 0 ? this.random.next() * s.latencyJitterMs : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (s.maxRequestsPerSecond > 0 && !this.takeToken(s.maxRequestsPerSecond)) {
      return tooManyRequests('Too many requests, please try again later.', s.retryAfterSeconds);
    }
    if (s.errorRate429 > 0 && this.random.chance(s.errorRate429)) return tooManyRequests('Too many requests, please try again later.', s.retryAfterSeconds);
    if (s.errorRate500 > 0 && this.random.chance(s.errorRate500)) return internalError('injected fault (kube-sim errorRate500)');
    return undefined;
  }

  private takeToken(rate: number): boolean {
    const now = this.nowMs();
    if (this.lastRefill === 0) this.tokens = rate;
    else this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
