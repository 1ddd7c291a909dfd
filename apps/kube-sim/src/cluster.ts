import type { CoreEvent, KubeObject, Node, Pod, PodDisruptionBudget, WorkloadController } from './api/types';
import { ResourceRegistry, type ResourceStrategy } from './api/registry';
import { DEFAULT_TABLE, type TableConvertor } from './api/table';
import { EVENT_TABLE, LEASE_TABLE, NAMESPACE_TABLE, NODE_TABLE, PDB_TABLE, POD_TABLE } from './api/printers';
import { ObjectStore, ResourceVersionClock, type IndexFunction } from './store/object-store';
import {
  ALL_RESOURCES, DAEMON_SETS, DEPLOYMENTS, EVENTS, LEASES, NAMESPACES, NODES, PODS, POD_DISRUPTION_BUDGETS, REPLICA_SETS, STATEFUL_SETS, type ResourceDefinition,
} from './store/resource-definition';
import { NodeController, nodeStrategy } from './control/node-controller';
import { nodeEventsFor } from './control/node-conditions';
import { SimKubelets } from './control/kubelet';
import { NodeFaults } from './control/node-faults';
import { HistoryPlayer } from './control/node-history';
import { NodeChurn } from './control/churn';
import { NodeLeases, type Lease } from './control/node-leases';
import { EventRecorder } from './events/event-recorder';
import { generateNodes } from './generator/node-generator';
import { generateWorkloads } from './generator/workload-generator';
import { PodController, type PodTimings } from './workloads/pod-controller';
import { DisruptionController } from './workloads/disruption';
import { DisruptionStats } from './workloads/disruption-stats';
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
  /** The instant generated timestamps are relative to (creation times, condition times). */
  referenceTime: Date;
  kubernetesVersion: string;
  olderKubeletShare: number;
  zones: number;
  /** Events kept before the oldest are removed. */
  eventLimit: number;
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

const STORE_INDEXES = new Map<ResourceDefinition, Record<string, IndexFunction<KubeObject>>>([
  [PODS, { 'spec.nodeName': (p) => (p.spec as { nodeName?: string } | undefined)?.nodeName }],
  [EVENTS, { 'involvedObject.name': (e) => (e as CoreEvent).involvedObject?.name }],
]);

/**
 * The simulated cluster's state: one store and registry per served resource sharing one
 * resourceVersion clock, the generated objects, and the controllers that animate them (kubelets,
 * node lifecycle, workload controllers, scheduler, disruption controller, event recorder).
 * Every random choice comes from a source derived from the seed and a label, so an API call
 * draws from the runtime source only when it creates an object itself.
 */
export class SimCluster {
  readonly clock = new ResourceVersionClock();
  readonly random: Random;
  readonly registries = new Map<ResourceDefinition, ResourceRegistry<KubeObject>>();
  readonly tables = new Map<ResourceDefinition, TableConvertor>();
  readonly subresources = new Map<string, SubresourceHandler>();
  readonly nodeController: NodeController;
  readonly kubelets: SimKubelets;
  readonly nodeFaults: NodeFaults;
  readonly history: HistoryPlayer;
  readonly churn: NodeChurn;
  readonly events: EventRecorder;
  readonly leases: NodeLeases;
  readonly podController: PodController;
  readonly disruptionController: DisruptionController;
  readonly disruptionStats: DisruptionStats;

  constructor(private readonly options: ClusterOptions) {
    const seeded = createRandom(options.seed);
    this.random = seeded.fork('runtime');
    const lookup = (kind: string, namespace: string, name: string): WorkloadController | undefined => {
      const def = ({ ReplicaSet: REPLICA_SETS, StatefulSet: STATEFUL_SETS, DaemonSet: DAEMON_SETS } as Record<string, ResourceDefinition>)[kind];
      return def ? this.registry<WorkloadController>(def).store.get(namespace, name) : undefined;
    };
    const podsChanged = (obj: KubeObject): void => this.disruptionController.namespaceChanged(obj.metadata.namespace);
    const strategies = new Map<ResourceDefinition, ResourceStrategy<KubeObject>>([
      [NODES, nodeStrategy((node, old) => this.nodeWritten(node, old)) as unknown as ResourceStrategy<KubeObject>],
      [POD_DISRUPTION_BUDGETS, generationStrategy(podsChanged)],
      ...[DAEMON_SETS, DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS].map((d): [ResourceDefinition, ResourceStrategy<KubeObject>] => [d, generationStrategy()]),
    ]);
    for (const def of ALL_RESOURCES) {
      const store = new ObjectStore<KubeObject>(def, this.clock, options.watchHistorySize, STORE_INDEXES.get(def) ?? {});
      this.registries.set(def, new ResourceRegistry(store, strategies.get(def) ?? {}, this.random, options.now));
      this.tables.set(def, DEFAULT_TABLE);
    }
    for (const [def, table] of [[NODES, NODE_TABLE], [PODS, POD_TABLE], [NAMESPACES, NAMESPACE_TABLE], [POD_DISRUPTION_BUDGETS, PDB_TABLE], [EVENTS, EVENT_TABLE], [LEASES, LEASE_TABLE]] as const) this.tables.set(def, table);
    this.events = new EventRecorder(this.registry<CoreEvent>(EVENTS), seeded.fork('events'), options.now, options.eventLimit);
    this.leases = new NodeLeases(this.registry<Lease>(LEASES), options.now);
    this.nodeController = new NodeController(this.nodeRegistry, options.now, (node) => this.leases.renew(node));
    this.kubelets = new SimKubelets(this.nodeController, seeded.fork('kubelets'), options.now);
    this.nodeFaults = new NodeFaults(this.kubelets, this.nodeController);
    this.history = new HistoryPlayer(this.nodeFaults, this.nodeController, options.now);
    this.churn = new NodeChurn(this.nodeFaults, () => this.nodeRegistry.store.entries().map((e) => e.object), seeded.fork('churn'), options.now);
    this.disruptionStats = new DisruptionStats(options.now);
    this.podController = new PodController(
      this.registry<Pod>(PODS), this.nodeRegistry, lookup, seeded.fork('pods'), options.now, options.timings, this.events, podsChanged,
      (pod, opts) => this.disruptionStats.podDeleted(`${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata.uid, opts.dryRun === true, this.disruptionController.budgetsFor(pod), opts.gracePeriodSeconds),
    );
    this.registry<Pod>(PODS).setStrategy(this.podController.strategy());
    this.disruptionController = new DisruptionController(
      this.registry<PodDisruptionBudget>(POD_DISRUPTION_BUDGETS), this.registry<Pod>(PODS), lookup,
      (pod, grace) => this.podController.deletePod(pod, { gracePeriodSeconds: grace }), options.now, this.disruptionStats,
    );
    this.subresources.set('pods/eviction', (req, body, query) => this.disruptionController.evict(req, body, query.getAll('dryRun').includes('All')));
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
    const o = this.options;
    const nodes = generateNodes({ count: o.nodes, seed: o.seed, now: o.referenceTime, kubernetesVersion: o.kubernetesVersion, olderKubeletShare: o.olderKubeletShare, zones: o.zones });
    for (const node of nodes) this.nodeRegistry.store.add(node);
    const leases = this.registry<Lease>(LEASES).store;
    for (const node of nodes) {
      const ready = node.status.conditions.find((c) => c.type === 'Ready');
      leases.add(NodeLeases.forNode(node, ready?.status === 'Unknown' && ready.lastHeartbeatTime ? new Date(ready.lastHeartbeatTime) : o.referenceTime));
    }
    if (o.podsPerNode > 0) {
      const w = generateWorkloads(o.seed, nodes, o.podsPerNode, o.referenceTime, o.kubernetesVersion);
      const put = (def: ResourceDefinition, objects: KubeObject[]): void => {
        const store = this.registry<KubeObject>(def).store;
        for (const obj of objects) store.add(obj);
      };
      put(NAMESPACES, w.namespaces);
      put(DAEMON_SETS, w.daemonSets);
      put(DEPLOYMENTS, w.deployments);
      put(REPLICA_SETS, w.replicaSets);
      put(STATEFUL_SETS, w.statefulSets);
      put(POD_DISRUPTION_BUDGETS, w.podDisruptionBudgets);
      put(PODS, w.pods);
      for (const ns of new Set(w.podDisruptionBudgets.map((p) => p.metadata.namespace as string))) this.disruptionController.refreshNamespace(ns, o.referenceTime);
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
    this.churn.stop();
    this.history.stop();
    this.nodeFaults.stop();
    this.nodeController.stop();
    this.podController.stop();
  }

  /** After every node write: kubelet/controller events, controller taints, pods on a silent or returning kubelet, pending pods. */
  private nodeWritten(node: Node, old: Node | undefined): void {
    for (const event of nodeEventsFor(node, old)) this.events.record(event);
    this.nodeController.scheduleReconcile(node);
    if (old && SimKubelets.isPosting(old) !== SimKubelets.isPosting(node)) {
      this.podController.kubeletChanged(node.metadata.name, SimKubelets.isPosting(node));
      if (SimKubelets.isPosting(node)) this.leases.renew(node);
    }
    this.podController.workloads.nodesChanged();
  }
}
