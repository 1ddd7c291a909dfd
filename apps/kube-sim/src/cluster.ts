import type { KubeObject, Node, Pod, PodDisruptionBudget, WorkloadController } from './api/types';
import { ResourceRegistry, type ResourceStrategy } from './api/registry';
import { DEFAULT_TABLE, type TableConvertor } from './api/table';
import { NAMESPACE_TABLE, NODE_TABLE, PDB_TABLE, POD_TABLE } from './api/printers';
import { ObjectStore, ResourceVersionClock, type IndexFunction } from './store/object-store';
import {
  ALL_RESOURCES, DAEMON_SETS, DEPLOYMENTS, NAMESPACES, NODES, PODS, POD_DISRUPTION_BUDGETS, REPLICA_SETS, STATEFUL_SETS, type ResourceDefinition,
} from './store/resource-definition';
import { NodeController, nodeStrategy } from './control/node-controller';
import { generateNodes } from './generator/node-generator';
import { generateWorkloads } from './generator/workload-generator';
import { PodController, type PodTimings } from './workloads/pod-controller';
import { DisruptionController } from './workloads/disruption';
import type { SubresourceHandler } from './server/resource-api';
import { createRandom, type Random } from './util/random';

/** Settings of the simulated cluster's state (not of the HTTP server). */
export interface ClusterOptions {
  nodes: number;
  seed: number | string;
  /** Average pods per node including DaemonSet pods (0 = no workloads at all). */
  podsPerNode: number;
  /** Watch events retained per resource. */
  watchHistorySize: number;
  timings: PodTimings;
  now: () => Date;
}

/** Spec changes bump metadata.generation (apiserver strategies of apps/v1 and policy/v1). */
function generationStrategy<T extends KubeObject>(onWrite?: (obj: T) => void): ResourceStrategy<T> {
  return {
    prepareForCreate: (obj) => ({ ...obj, metadata: { ...obj.metadata, generation: 1 } }),
    prepareForUpdate: (next, old, subresource) => {
      if (subresource === 'status') return { ...next, spec: old.spec, metadata: old.metadata };
      const generation = (old.metadata.generation ?? 1) + (JSON.stringify(next.spec) === JSON.stringify(old.spec) ? 0 : 1);
      return { ...next, status: old.status, metadata: { ...next.metadata, generation } };
    },
    afterWrite: onWrite,
  };
}

/**
 * The simulated cluster's state: one store and registry per served resource sharing one
 * resourceVersion clock, the generated objects, and the controllers that animate them.
 */
export class SimCluster {
  readonly clock = new ResourceVersionClock();
  readonly random: Random;
  readonly registries = new Map<ResourceDefinition, ResourceRegistry<KubeObject>>();
  readonly tables = new Map<ResourceDefinition, TableConvertor>();
  readonly subresources = new Map<string, SubresourceHandler>();
  readonly nodeController: NodeController;
  readonly podController: PodController;
  readonly disruptionController: DisruptionController;

  constructor(private readonly options: ClusterOptions) {
    this.random = createRandom(options.seed).fork('runtime');
    const lookup = (kind: string, namespace: string, name: string): WorkloadController | undefined => {
      const def = ({ ReplicaSet: REPLICA_SETS, StatefulSet: STATEFUL_SETS, DaemonSet: DAEMON_SETS } as Record<string, ResourceDefinition>)[kind];
      return def ? this.registry<WorkloadController>(def).store.get(namespace, name) : undefined;
    };
    const podsChanged = (obj: KubeObject): void => this.disruptionController.namespaceChanged(obj.metadata.namespace);
    const strategies = new Map<ResourceDefinition, ResourceStrategy<KubeObject>>([
      [NODES, nodeStrategy((node) => this.nodeController.scheduleReconcile(node)) as unknown as ResourceStrategy<KubeObject>],
      [POD_DISRUPTION_BUDGETS, generationStrategy(podsChanged)],
      ...[DAEMON_SETS, DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS].map((d): [ResourceDefinition, ResourceStrategy<KubeObject>] => [d, generationStrategy()]),
    ]);
    for (const def of ALL_RESOURCES) {
      const indexes: Record<string, IndexFunction<KubeObject>> = def === PODS ? { 'spec.nodeName': (p) => (p.spec as { nodeName?: string } | undefined)?.nodeName } : {};
      const store = new ObjectStore<KubeObject>(def, this.clock, options.watchHistorySize, indexes);
      this.registries.set(def, new ResourceRegistry(store, strategies.get(def) ?? {}, this.random, options.now));
      this.tables.set(def, DEFAULT_TABLE);
    }
    this.tables.set(NODES, NODE_TABLE);
    this.tables.set(PODS, POD_TABLE);
    this.tables.set(NAMESPACES, NAMESPACE_TABLE);
    this.tables.set(POD_DISRUPTION_BUDGETS, PDB_TABLE);
    this.nodeController = new NodeController(this.nodeRegistry, options.now);
    this.podController = new PodController(this.registry<Pod>(PODS), this.nodeRegistry, lookup, this.random.fork('pods'), options.now, options.timings, podsChanged);
    this.registry<Pod>(PODS).setStrategy(this.podController.strategy());
    this.disruptionController = new DisruptionController(
      this.registry<PodDisruptionBudget>(POD_DISRUPTION_BUDGETS), this.registry<Pod>(PODS), lookup,
      (pod, grace) => this.podController.deletePod(pod, { gracePeriodSeconds: grace }), options.now,
    );
    this.subresources.set('pods/eviction', (req, body) => this.disruptionController.evict(req, body));
  }

  /** The registry of `def`. */
  registry<T extends KubeObject>(def: ResourceDefinition): ResourceRegistry<T> {
    return this.registries.get(def) as unknown as ResourceRegistry<T>;
  }

  get nodeRegistry(): ResourceRegistry<Node> {
    return this.registry<Node>(NODES);
  }

  /** Stores the generated nodes and workloads (deterministic for the seed) and computes budget statuses. */
  populate(): void {
    const now = this.options.now();
    const nodes = generateNodes({ count: this.options.nodes, seed: this.options.seed, now });
    for (const node of nodes) this.nodeRegistry.store.add(node);
    if (this.options.podsPerNode > 0) {
      const w = generateWorkloads(this.options.seed, nodes, this.options.podsPerNode, now);
      const put = (def: ResourceDefinition, objects: KubeObject[]): void => {
        const store = this.registry<KubeObject>(def).store;
        for (const o of objects) store.add(o);
      };
      put(NAMESPACES, w.namespaces);
      put(DAEMON_SETS, w.daemonSets);
      put(DEPLOYMENTS, w.deployments);
      put(REPLICA_SETS, w.replicaSets);
      put(STATEFUL_SETS, w.statefulSets);
      put(POD_DISRUPTION_BUDGETS, w.podDisruptionBudgets);
      put(PODS, w.pods);
      for (const ns of new Set(w.podDisruptionBudgets.map((p) => p.metadata.namespace as string))) this.disruptionController.refreshNamespace(ns);
    }
    // Like a freshly started apiserver: no watch history before now.
    for (const r of this.registries.values()) r.store.hub.compactThrough(this.clock.current);
  }

  /** Every store, for watch-wide operations. */
  stores(): ObjectStore<KubeObject>[] {
    return [...this.registries.values()].map((r) => r.store);
  }

  /** Stops timers. */
  stop(): void {
    this.nodeController.stop();
    this.podController.stop();
  }
}
