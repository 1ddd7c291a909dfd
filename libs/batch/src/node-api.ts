import { CoreV1Api, PatchStrategy, setHeaderOptions, V1Node } from '@kubernetes/client-node';

/** Field manager recorded on every change this product makes. */
export const FIELD_MANAGER = 'kube-node-manager';

/**
 * The Kubernetes calls node operations make, for one cluster (the I/O boundary unit tests fake).
 * Errors are client-node `ApiException`s (see {@link classifyApiError}).
 */
export interface NodeApi {
  /** GET /api/v1/nodes/{name}. */
  readNode(name: string): Promise<V1Node>;
  /**
   * PATCH /api/v1/nodes/{name} with a JSON merge patch (RFC 7386: `null` deletes a key, lists are
   * replaced). `dryRun` = server-side dry run (`dryRun=All`): validated and returned, not stored.
   */
  mergePatchNode(name: string, patch: object, dryRun: boolean): Promise<V1Node>;
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** {@link NodeApi} over client-node's CoreV1Api (which would default to JSON Patch, TECH-NOTES 1). */
export class CoreV1NodeApi implements NodeApi {
  constructor(private readonly core: CoreV1Api) {}

  readNode(name: string): Promise<V1Node> {
    return this.core.readNode({ name });
  }

  mergePatchNode(name: string, patch: object, dryRun: boolean): Promise<V1Node> {
    return this.core.patchNode(
      { name, body: patch, fieldManager: FIELD_MANAGER, ...(dryRun ? { dryRun: 'All' } : {}) },
      mergePatch,
    );
  }
}
