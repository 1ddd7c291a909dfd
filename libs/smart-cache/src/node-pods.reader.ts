import { Injectable } from '@nestjs/common';
import type { V1Pod } from '@kubernetes/client-node';
import { ClusterClientProvider } from '@knm/cluster';

/** Page size of pod lists, as kubectl drain uses (TECH-NOTES 3). */
export const POD_LIST_PAGE_SIZE = 500;

/** Kubernetes I/O boundary of the node detail view: the pods bound to a node, listed live. */
@Injectable()
export class NodePodsReader {
  constructor(private readonly clusters: ClusterClientProvider) {}

  /** Pods with `spec.nodeName=<node>` in every namespace, paged by 500. Rejects on API errors. */
  async podsOnNode(cluster: string, node: string): Promise<V1Pod[]> {
    const { core } = await this.clusters.clientsFor(cluster);
    const pods: V1Pod[] = [];
    let cont: string | undefined;
    do {
      const page = await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}`, limit: POD_LIST_PAGE_SIZE, _continue: cont });
      pods.push(...page.items);
      cont = page.metadata?._continue || undefined;
    } while (cont);
    return pods;
  }
}
