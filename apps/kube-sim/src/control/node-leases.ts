import type { KubeObject, Node } from '../api/types';
import type { ResourceRegistry } from '../api/registry';
import { createRandom } from '../util/random';

/** coordination.k8s.io/v1 Lease as kubelets keep them (spec times are MicroTime). */
export interface Lease extends KubeObject {
  spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string; acquireTime?: string };
}

/** The namespace of node leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

const microTime = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/**
 * The kubelets' node leases (kube-node-lease/<node>, holder = node name, 40 s duration, owned by
 * the Node): created with the node, renewed on every heartbeat tick and when a kubelet posts
 * again; a silent kubelet's lease is not renewed (its renewTime ages, as the lifecycle
 * controller sees it). `kubectl describe node` shows them.
 */
export class NodeLeases {
  constructor(
    private readonly leases: ResourceRegistry<Lease>,
    private readonly now: () => Date,
  ) {}

  /** The lease object for a generated node, renewed at `at`. */
  static forNode(node: Node, at: Date): Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: node.metadata.name,
        namespace: NODE_LEASE_NAMESPACE,
        uid: createRandom(`lease/${node.metadata.uid}`).uuid(),
        resourceVersion: '',
        creationTimestamp: node.metadata.creationTimestamp,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }],
      },
      spec: { holderIdentity: node.metadata.name, leaseDurationSeconds: 40, renewTime: microTime(at) },
    };
  }

  /** Renews the lease of `node` now (creating it if missing). */
  renew(node: Node): void {
    const lease = this.leases.store.get(NODE_LEASE_NAMESPACE, node.metadata.name);
    if (!lease) {
      this.leases.store.add(NodeLeases.forNode(node, this.now()));
      return;
    }
    this.leases.writeAsController({ ...lease, spec: { ...lease.spec, renewTime: microTime(this.now()) } });
  }

  /** Removes the lease of a deleted node (the garbage collector follows the owner reference). */
  remove(name: string): void {
    this.leases.store.remove(NODE_LEASE_NAMESPACE, name);
  }
}
