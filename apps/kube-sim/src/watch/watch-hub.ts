import type { KubeObject } from '../api/types';

/** Watch event types of meta/v1 WatchEvent. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One stored change: `rv` is the cluster resourceVersion the change produced. */
export class StoredEvent {
  private readonly lines = new Map<string, string>();

  constructor(
    readonly type: 'ADDED' | 'MODIFIED' | 'DELETED',
    readonly rv: number,
    readonly object: KubeObject,
    /** The object before a MODIFIED/DELETED change, for selector transitions. */
    readonly previous: KubeObject | undefined,
    private readonly objectJson: () => string,
  ) {}

  /**
   * The serialized watch line (`{"type":..,"object":..}\n`) as one watcher sees this event, built
   * once per distinct rendering and shared by all watchers (the apiserver cacher's per-event
   * serialization cache).
   */
  lineFor(type: 'ADDED' | 'MODIFIED' | 'DELETED', usePrevious: boolean): string {
    const cacheKey = usePrevious ? `${type}:prev` : type;
    let line = this.lines.get(cacheKey);
    if (line === undefined) {
      let json: string;
      if (usePrevious && this.previous) {
        // Mirrors cacheWatcher.convertToWatchEvent: the old object with the event's resourceVersion.
        json = JSON.stringify({ ...this.previous, metadata: { ...this.previous.metadata, resourceVersion: String(this.rv) } });
      } else json = this.objectJson();
      line = `{"type":"${type}","object":${json}}\n`;
      this.lines.set(cacheKey, line);
    }
    return line;
  }
}

/** A registered watch connection. */
export interface Watcher {
  /** Whether an object state passes this watch's label and field selectors. */
  matches(obj: KubeObject): boolean;
  /** Writes one or more serialized lines to the connection. */
  write(chunk: string): void;
  /** Ends the stream; `reset` destroys the socket instead of finishing the response. */
  close(reset: boolean): void;
}

/**
 * Per-resource event history and live watcher fan-out. History is a bounded window of the last
 * `historySize` events; a watch from a resourceVersion whose successors were compacted away gets
 * 410 (the apiserver watch cache / etcd compaction behaviour).
 */
export class WatchHub {
  private events: StoredEvent[] = [];
  private head = 0;
  /** Highest resourceVersion whose event is no longer retained. */
  private compactedRv: number;
  readonly watchers = new Set<Watcher>();

  constructor(
    private historySize: number,
    initialRv: number,
  ) {
    this.compactedRv = initialRv;
  }

  /** Number of events a resumed watch can still replay. */
  get retainedEvents(): number {
    return this.events.length - this.head;
  }

  /** Changes the history window (events); shrinking it compacts at once. */
  setHistorySize(size: number): void {
    this.historySize = Math.max(0, size);
    this.trim();
  }

  /** Marks everything up to `rv` as compacted, so watches from any earlier resourceVersion get 410. */
  compactThrough(rv: number): void {
    while (this.head < this.events.length && this.events[this.head].rv <= rv) this.head++;
    this.compactedRv = Math.max(this.compactedRv, rv);
    this.trim();
  }

  /** Records an event and delivers it to every watcher it concerns. */
  publish(event: StoredEvent): void {
    this.events.push(event);
    this.trim();
    for (const w of this.watchers) this.deliver(w, event);
  }

  /** Events after `rv` in order, or 'expired' when some of them were compacted. */
  eventsSince(rv: number): StoredEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    const out: StoredEvent[] = [];
    for (let i = this.head; i < this.events.length; i++) if (this.events[i].rv > rv) out.push(this.events[i]);
    return out;
  }

  /** The oldest resourceVersion a watch can resume from (for the 410 message). */
  get oldestResumableRv(): number {
    return this.compactedRv;
  }

  /**
   * Writes `event` to `w` with the type the watcher must see: a MODIFIED object that starts or
   * stops matching the selectors becomes ADDED or DELETED (apiserver cacher semantics).
   */
  deliver(w: Watcher, event: StoredEvent): void {
    const now = w.matches(event.object);
    if (event.type === 'MODIFIED') {
      const before = event.previous !== undefined && w.matches(event.previous);
      if (now && before) w.write(event.lineFor('MODIFIED', false));
      else if (now) w.write(event.lineFor('ADDED', false));
      else if (before) w.write(event.lineFor('DELETED', true));
    } else if (now) w.write(event.lineFor(event.type, false));
  }

  /** Closes every open watch (clean end, or socket reset when `reset`). */
  dropAll(reset: boolean): number {
    const all = [...this.watchers];
    this.watchers.clear();
    for (const w of all) w.close(reset);
    return all.length;
  }

  private trim(): void {
    while (this.events.length - this.head > this.historySize) {
      this.compactedRv = this.events[this.head].rv;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }
}
