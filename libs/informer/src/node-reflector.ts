import type { V1Node } from '@kubernetes/client-node';
import type { NodeSummary } from '@knm/contracts';
import { Backoff, BackoffPolicy } from '@knm/common';
import { NodeWatchSource, WatchEventType, WatchStatus, WatchStop } from './node-watch-source';
import { toNodeSummary } from './node-summary';

/** A node change seen on the watch. */
export interface NodeWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  node: NodeSummary;
}

/** Where the reflector delivers state; calls are serialised (never concurrent) and awaited in order. */
export interface NodeSink {
  /** A complete list: the sink reconciles (nodes it has that are absent are gone). */
  replaceAll(nodes: NodeSummary[]): Promise<void>;
  /** Watch events in arrival order (batched while the previous call was running). */
  applyEvents(events: NodeWatchEvent[]): Promise<void>;
}

export type ReflectorPhase = 'idle' | 'listing' | 'watching' | 'backoff' | 'stopped';

/** Observable state of one reflector (for health and ClusterResponse). `lastErrorAt` is epoch ms; `lastProgressAt` monotonic ms. */
export interface ReflectorState {
  phase: ReflectorPhase;
  /** True once a list has been delivered since the last error. */
  synced: boolean;
  lastError: string | null;
  lastErrorAt: number | null;
  /** Restarts after errors or watchdog interventions. */
  restarts: number;
  /** Full relists (first list, 410 Gone, restarts). */
  relists: number;
  lastProgressAt: number | null;
}

export interface ReflectorOptions {
  /** Pacing of relists and reconnects after failures. */
  backoff: BackoffPolicy;
  /** A phase making no progress (no list done, no event, no reconnect) this long is restarted by {@link NodeReflector.checkStalled} (ms). */
  stallMs: number;
  /** A watch that ends sooner than this without events counts as a failure for pacing reconnects (ms). */
  minWatchMs: number;
}

/** 0.5 s doubling to 30 s; reset after 1 min of healthy watching (client-go's reflector resets after 2 min). */
export const WATCH_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2, resetAfterMs: 60_000 };

export const DEFAULT_REFLECTOR_OPTIONS: ReflectorOptions = { backoff: WATCH_BACKOFF, stallMs: 90_000, minWatchMs: 1_000 };

export interface ReflectorDeps {
  source: NodeWatchSource;
  sink: NodeSink;
  /** Status callback: `synced` after each successful list, `error` after each failure (and in which phase). */
  onStatus(event: { kind: 'synced' } | { kind: 'error'; message: string; failedWhile: 'listing' | 'watching' }): void;
  /** Monotonic ms, for durations (backoff, watchdog). */
  now(): number;
  /** Wall-clock epoch ms, for reported times (`lastErrorAt`). */
  wallNow(): number;
  /** Uniform in [0, 1), for backoff jitter (RandomSource.next). */
  random(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Why a watch ended: normal close/timeout (resume from rv), 410 (relist). Errors reject instead. */
type WatchOutcome = { kind: 'closed'; resourceVersion: string; events: number } | { kind: 'expired' };

const isExpired = (err: unknown): boolean => {
  const e = err as { statusCode?: number; code?: number } | null;
  return e?.statusCode === 410 || e?.code === 410;
};

/**
 * List-then-watch loop for the nodes of one cluster, in the manner of client-go's Reflector:
 * list (paged) -> deliver -> watch from the list's resourceVersion; a normal close or client
 * inactivity timeout resumes from the last resourceVersion; 410 Gone relists; any other error
 * waits with exponential backoff + jitter and relists. Written on client-node's `Watch` rather
 * than `makeInformer`, which stops for good on errors and cannot tell us when a relist happened.
 */
export class NodeReflector {
  private readonly backoff: Backoff;
  private readonly st: ReflectorState = { phase: 'idle', synced: false, lastError: null, lastErrorAt: null, restarts: 0, relists: 0, lastProgressAt: null };
  private attempt: AbortController | null = null;
  private queue: Promise<void> = Promise.resolve();
  private buffer: NodeWatchEvent[] = [];

  constructor(
    private readonly cluster: string,
    private readonly deps: ReflectorDeps,
    private readonly options: ReflectorOptions = DEFAULT_REFLECTOR_OPTIONS,
  ) {
    this.backoff = new Backoff(options.backoff, { next: deps.random });
  }

  state(): ReflectorState {
    return { ...this.st };
  }

  /** Runs until `signal` aborts; resolves once the last delivery has finished. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const attempt = new AbortController();
      const onAbort = () => attempt.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.attempt = attempt;
      try {
        await this.listAndWatch(attempt.signal);
      } catch (err) {
        if (signal.aborted) break;
        await this.recover(err, signal);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    }
    await this.queue.catch(() => undefined);
    this.st.phase = 'stopped';
  }

  /** Watchdog: restarts the current attempt when it has made no progress for `stallMs`. Returns true when it did. */
  checkStalled(): boolean {
    const { phase, lastProgressAt } = this.st;
    if ((phase !== 'listing' && phase !== 'watching') || lastProgressAt === null) return false;
    const silentMs = this.deps.now() - lastProgressAt;
    if (silentMs < this.options.stallMs) return false;
    this.attempt?.abort(new Error(`watchdog: no progress while ${phase} for ${Math.round(silentMs / 1000)} s`));
    return true;
  }

  private progress(): void {
    this.st.lastProgressAt = this.deps.now();
  }

  private async listAndWatch(signal: AbortSignal): Promise<void> {
    this.st.phase = 'listing';
    this.progress();
    this.st.relists++;
    const list = await abortable(this.deps.source.listNodes(this.cluster, signal), signal);
    await abortable(this.enqueue(() => this.deps.sink.replaceAll(list.items.map(toNodeSummary))), signal);
    this.st.synced = true;
    this.st.phase = 'watching';
    this.progress();
    this.deps.onStatus({ kind: 'synced' });
    let resourceVersion = list.resourceVersion;
    for (;;) {
      const started = this.deps.now();
      const outcome = await this.watchOnce(resourceVersion, signal);
      if (outcome.kind === 'expired') return;
      resourceVersion = outcome.resourceVersion;
      if (outcome.events === 0 && this.deps.now() - started < this.options.minWatchMs) {
        // A watch that closes at once must not become a tight reconnect loop.
        await this.deps.sleep(this.backoff.nextDelay(this.deps.now()), signal);
      }
    }
  }

  /** One watch request; resolves on close/timeout/410, rejects on any other error or abort. */
  private watchOnce(resourceVersion: string, signal: AbortSignal): Promise<WatchOutcome> {
    return new Promise<WatchOutcome>((resolve, reject) => {
      let rv = resourceVersion;
      let events = 0;
      let stop: WatchStop | null = null;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        stop?.abort();
        fn();
      };
      const onAbort = () => finish(() => reject(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      const onEvent = (type: WatchEventType, object: V1Node | WatchStatus) => {
        if (settled) return;
        this.progress();
        if (type === 'ERROR') {
          const status = object as WatchStatus;
          if (status.code === 410) return finish(() => resolve({ kind: 'expired' }));
          return finish(() => reject(new Error(`watch error ${status.code ?? ''} ${status.reason ?? ''}: ${status.message ?? ''}`.trim())));
        }
        const node = object as V1Node;
        rv = node.metadata?.resourceVersion ?? rv;
        if (type === 'BOOKMARK') return;
        events++;
        this.backoff.markHealthy(this.deps.now());
        this.push({ type, node: toNodeSummary(node) }, signal);
      };
      const onClose = (err: unknown) => {
        this.progress();
        if (err === null || (err as { name?: string }).name === 'TimeoutError') return finish(() => resolve({ kind: 'closed', resourceVersion: rv, events }));
        if (isExpired(err)) return finish(() => resolve({ kind: 'expired' }));
        finish(() => reject(err));
      };
      this.deps.source.watchNodes(this.cluster, resourceVersion, { onEvent, onClose }).then(
        (s) => (settled ? s.abort() : (stop = s)),
        (err: unknown) => onClose(err),
      );
    });
  }

  private push(event: NodeWatchEvent, signal: AbortSignal): void {
    this.buffer.push(event);
    if (this.buffer.length > 1) return; // a flush is already queued and will take it
    this.enqueue(async () => {
      const batch = this.buffer;
      this.buffer = [];
      await this.deps.sink.applyEvents(batch);
    }).catch((err: unknown) => {
      if (!signal.aborted) this.attempt?.abort(err);
    });
  }

  /** Serialises sink calls. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async recover(err: unknown, signal: AbortSignal): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const failedWhile = this.st.phase === 'watching' ? 'watching' : 'listing';
    this.buffer = [];
    this.st.synced = false;
    this.st.phase = 'backoff';
    this.st.lastError = message;
    this.st.lastErrorAt = this.deps.wallNow();
    this.st.restarts++;
    this.deps.onStatus({ kind: 'error', message, failedWhile });
    try {
      await this.deps.sleep(this.backoff.nextDelay(this.deps.now()), signal);
    } catch {
      /* stopped while waiting */
    }
  }
}

/** Rejects with the signal's reason as soon as it aborts, even if `promise` never settles (a hung request). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}
