import { Injectable } from '@nestjs/common';
import { V1Node, Watch } from '@kubernetes/client-node';
import { RandomSource } from '@knm/common';
import { ClusterClientProvider } from '@knm/cluster';

/** Page size of node lists (as kubectl and client-go's pager use). */
export const NODE_LIST_PAGE_SIZE = 500;

/** A complete node list and the resourceVersion to watch from. */
export interface NodeList {
  items: V1Node[];
  resourceVersion: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Callbacks of one watch request. `onClose(null)` = the stream ended normally; otherwise the error. */
export interface WatchHandlers {
  onEvent(type: WatchEventType, object: V1Node | WatchStatus): void;
  onClose(error: unknown): void;
}

/** The `Status` object of an in-stream ERROR event (e.g. code 410 Gone: resourceVersion too old). */
export interface WatchStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

/** Stops a running watch. */
export interface WatchStop {
  abort(): void;
}

/**
 * The Kubernetes I/O boundary of the informer: paged node lists and node watches of one cluster.
 * Unit tests replace it with a fake.
 */
export abstract class NodeWatchSource {
  /** Lists every node (paged by {@link NODE_LIST_PAGE_SIZE}); rejects on any API error. */
  abstract listNodes(cluster: string, signal: AbortSignal): Promise<NodeList>;
  /** Watches nodes from `resourceVersion` (with bookmarks); every outcome ends in exactly one `onClose`. */
  abstract watchNodes(cluster: string, resourceVersion: string, handlers: WatchHandlers): Promise<WatchStop>;
}

/** Server-side watch timeout: random in [5, 10) min, like client-go's reflector (minWatchTimeout 5 min). */
function watchTimeoutSeconds(random: number): number {
  return 300 + Math.floor(random * 300);
}

/** {@link NodeWatchSource} over client-node: `CoreV1Api.listNode` pages and `Watch` on /api/v1/nodes. */
@Injectable()
export class KubeNodeWatchSource extends NodeWatchSource {
  constructor(
    private readonly clusters: ClusterClientProvider,
    private readonly random: RandomSource,
  ) {
    super();
  }

  override async listNodes(cluster: string, signal: AbortSignal): Promise<NodeList> {
    const { core } = await this.clusters.clientsFor(cluster);
    const items: V1Node[] = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      signal.throwIfAborted();
      const page = await core.listNode({ limit: NODE_LIST_PAGE_SIZE, _continue: cont });
      items.push(...page.items);
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      cont = page.metadata?._continue || undefined;
    } while (cont);
    return { items, resourceVersion };
  }

  override async watchNodes(cluster: string, resourceVersion: string, handlers: WatchHandlers): Promise<WatchStop> {
    const { kubeConfig } = await this.clusters.clientsFor(cluster);
    const query = { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: watchTimeoutSeconds(this.random.next()) };
    try {
      return await new Watch(kubeConfig).watch(
        '/api/v1/nodes',
        query,
        (type: string, object: V1Node | WatchStatus) => handlers.onEvent(type as WatchEventType, object),
        (err: unknown) => handlers.onClose(err ?? null),
      );
    } catch (err) {
      // Authentication runs before Watch's own try/catch (TECH-NOTES 1): report it like any close.
      handlers.onClose(err);
      return { abort: () => undefined };
    }
  }
}
