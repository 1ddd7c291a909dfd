import type { CoreEvent, KubeObject, Node, Pod, PodDisruptionBudget } from '../api/types';
import type { SimCluster } from '../cluster';
import type { FaultInjector } from '../faults/faults';
import type { SimStats } from '../server/stats';
import { EVENTS, PODS, POD_DISRUPTION_BUDGETS } from '../store/resource-definition';
import type { KubeSimHandle } from '../sim-handle';

/** Builds the control handle (library API, also behind `/sim`) over a populated cluster. */
export function createHandle(cluster: SimCluster, faults: FaultInjector, stats: SimStats, dropAll: (mode: 'close' | 'reset') => number): KubeSimHandle {
  const nodes = cluster.nodeRegistry;
  const pods = cluster.registry<Pod>(PODS);
  const pdbs = cluster.registry<PodDisruptionBudget>(POD_DISRUPTION_BUDGETS);
  const events = cluster.registry<CoreEvent>(EVENTS);
  const nc = cluster.nodeController;
  const nf = cluster.nodeFaults;
  const objects = <T extends KubeObject>(list: { object: KubeObject }[]): T[] => list.map((e) => e.object as T);
  const snapshot = (): ReturnType<KubeSimHandle['stats']> =>
    stats.snapshot(Object.fromEntries(cluster.stores().map((s) => [s.def.resource, s.hub.watchers.size])), String(cluster.clock.current), cluster.disruptionStats.snapshot());
  return {
    faults: {
      get: () => faults.get(),
      set: (partial) => faults.set(partial),
      dropWatches: (mode = 'close') => dropAll(mode),
      forceGone: (count = 1) => void faults.set({ forceGoneOnNextWatches: faults.get().forceGoneOnNextWatches + count }),
      compactHistory: () => {
        for (const store of cluster.stores()) store.hub.compactThrough(cluster.clock.current);
      },
    },
    nodes: {
      list: () => objects<Node>(nodes.store.entries()),
      get: (name) => nodes.store.get(undefined, name),
      setReady: (name, status) => nf.setCondition(name, { type: 'Ready', status }),
      setCondition: (name, change, durationMs) => nf.setCondition(name, change, durationMs),
      notReady: (name, options) => nf.notReady(name, options),
      flap: (name, options) => nf.flap(name, options),
      reboot: (name, downMs) => nf.reboot(name, downMs),
      cancelFaults: (name) => nf.cancel(name),
      playHistory: (steps) => cluster.history.play(steps),
      addTaint: (name, taint) => nc.addTaint(name, taint),
      removeTaint: (name, key, effect) => nc.removeTaint(name, key, effect),
      setLabels: (name, labels) => nc.setLabels(name, labels),
      modify: (name, mutate) => nc.modify(name, mutate),
      delete: (name) => {
        nodes.delete(undefined, name, {});
        cluster.leases.remove(name);
      },
      setHeartbeatInterval: (ms) => nc.setHeartbeatInterval(ms),
    },
    pods: {
      list: (filter = {}) => objects<Pod>(filter.nodeName ? pods.store.byIndex('spec.nodeName', filter.nodeName).filter((e) => !filter.namespace || e.object.metadata.namespace === filter.namespace) : pods.store.entries(filter.namespace)),
      get: (namespace, name) => pods.store.get(namespace, name),
      setReady: (namespace, name, ready) => cluster.podController.setReady(namespace, name, ready),
    },
    podDisruptionBudgets: {
      list: (namespace) => objects<PodDisruptionBudget>(pdbs.store.entries(namespace)),
      get: (namespace, name) => pdbs.store.get(namespace, name),
    },
    histories: {
      get: (id) => cluster.history.get(id),
      cancel: (id) => cluster.history.cancel(id),
    },
    churn: {
      get: () => cluster.churn.get(),
      set: (options) => cluster.churn.set(options),
      incidents: () => [...cluster.churn.incidents],
    },
    events: {
      list: (filter = {}) => {
        const entries = filter.involvedName ? events.store.byIndex('involvedObject.name', filter.involvedName) : events.store.entries(filter.namespace);
        return objects<CoreEvent>(entries).filter((e) => (!filter.namespace || e.metadata.namespace === filter.namespace) && (!filter.kind || e.involvedObject.kind === filter.kind));
      },
    },
    stats: snapshot,
    resetStats: () => {
      stats.reset();
      cluster.disruptionStats.reset();
      return snapshot();
    },
    resourceVersion: () => String(cluster.clock.current),
  };
}
