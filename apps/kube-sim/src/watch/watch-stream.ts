import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../api/types';
import { gone } from '../api/status';
import type { ObjectStore } from '../store/object-store';
import { groupVersion } from '../store/resource-definition';
import type { ObjectFilter } from '../api/collection';
import type { Watcher } from './watch-hub';

/** Parameters of one watch request (query parameters of a `?watch=true` GET). */
export interface WatchRequest {
  namespace?: string;
  filter: ObjectFilter;
  /** `resourceVersion` parameter; undefined/'' or '0' = start with synthetic ADDED events. */
  resourceVersion?: string;
  allowWatchBookmarks: boolean;
  /** Close the stream after this many seconds (`timeoutSeconds`). */
  timeoutSeconds?: number;
  /** `sendInitialEvents=true`: end the initial ADDED burst with an `initial-events-end` bookmark. */
  sendInitialEvents: boolean;
  /** Answer with an in-stream 410 ERROR regardless of resourceVersion (fault injection). */
  forceGone: boolean;
  /** Interval between BOOKMARK events when allowed (ms). */
  bookmarkIntervalMs: number;
  /** The cluster's current resourceVersion, for bookmarks. */
  currentRv: () => number;
}

/**
 * Serves a watch over `store` on an HTTP response as the apiserver does: 200 with a chunked
 * stream of newline-delimited `{"type","object"}` JSON. A resourceVersion older than the
 * retained history (or `forceGone`) yields one ERROR event carrying a 410 Expired Status, then
 * the stream ends (apiserver watch cache behaviour; client-go and client-node relist on it).
 * Returns the registered watcher (undefined when the stream ended at once).
 */
export function serveWatch<T extends KubeObject>(store: ObjectStore<T>, req: WatchRequest, res: ServerResponse): Watcher | undefined {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const hub = store.hub;
  const rvParam = req.resourceVersion;
  const fromRv = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
  const replay = fromRv === undefined || Number.isNaN(fromRv) ? undefined : req.forceGone ? ('expired' as const) : hub.eventsSince(fromRv);
  if (req.forceGone || replay === 'expired') {
    const status = gone(`too old resource version: ${rvParam ?? 0} (${hub.oldestResumableRv + 1})`).toStatus();
    res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    return undefined;
  }
  let closed = false;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;
  const finish = (): void => {
    if (closed) return;
    closed = true;
    hub.watchers.delete(watcher);
    clearTimeout(bookmarkTimer);
    clearTimeout(timeoutTimer);
  };
  const watcher: Watcher = {
    matches: (obj) => (!req.namespace || obj.metadata.namespace === req.namespace) && req.filter.matches(obj),
    write: (chunk) => {
      if (!closed) res.write(chunk);
    },
    close: (reset) => {
      finish();
      if (reset) res.socket?.destroy();
      else res.end();
    },
  };
  const bookmark = (annotations?: Record<string, string>): string => {
    const metadata = { resourceVersion: String(req.currentRv()), ...(annotations ? { annotations } : {}) };
    return `{"type":"BOOKMARK","object":${JSON.stringify({ kind: store.def.kind, apiVersion: groupVersion(store.def), metadata })}}\n`;
  };
  if (replay === undefined) {
    const lines: string[] = [];
    for (const e of store.entries(req.namespace)) if (req.filter.matches(e.object)) lines.push(`{"type":"ADDED","object":${e.json}}\n`);
    if (req.sendInitialEvents && req.allowWatchBookmarks) lines.push(bookmark({ 'k8s.io/initial-events-end': 'true' }));
    if (lines.length) res.write(lines.join(''));
  } else {
    for (const ev of replay) hub.deliver(watcher, ev);
  }
  hub.watchers.add(watcher);
  res.on('close', finish);
  if (req.allowWatchBookmarks && req.bookmarkIntervalMs > 0) {
    const tick = (): void => {
      if (closed) return;
      res.write(bookmark());
      bookmarkTimer = setTimeout(tick, req.bookmarkIntervalMs).unref();
    };
    bookmarkTimer = setTimeout(tick, req.bookmarkIntervalMs).unref();
  }
  if (req.timeoutSeconds !== undefined && req.timeoutSeconds > 0) {
    timeoutTimer = setTimeout(() => watcher.close(false), req.timeoutSeconds * 1000).unref();
  }
  return watcher;
}
