import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject, Node, Pod, PodDisruptionBudget } from './api/types';
import { SimCluster } from './cluster';
import { FaultInjector, type FaultSettings } from './faults/faults';
import { SimStats } from './server/stats';
import { createRequestListener } from './server/http-server';
import { createControlHandler } from './control/control-api';
import { buildKubeconfig } from './kubeconfig';
import { PODS, POD_DISRUPTION_BUDGETS } from './store/resource-definition';
import type { KubeSimHandle } from './sim-handle';

/** Options of startKubeSim. Times in ms unless named otherwise. */
export interface KubeSimOptions {
  /** Number of generated nodes (default 50). */
  nodes?: number;
  /** Seed of the generated cluster and of random faults (default 1): same seed, same cluster. */
  seed?: number | string;
  /** TCP port (default 0 = a free port). */
  port?: number;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Where to write the kubeconfig (default: a new temp file). */
  kubeconfigPath?: string;
  /** Average pods per node, DaemonSet pods included (default 10; 0 = no workloads). */
  podsPerNode?: number;
  /** Real seconds per simulated second for grace periods, rescheduling and startup (default 0.1). */
  timeFactor?: number;
  /** Simulated seconds before a controller replaces a deleted pod (default 5). */
  replacementDelaySeconds?: number;
  /** Simulated seconds from a pod's creation to Ready (default 5). */
  podStartupSeconds?: number;
  /** Shorthand for `faults.latencyMs`. */
  latencyMs?: number;
  /** Initial fault switches. */
  faults?: Partial<FaultSettings>;
  /** Interval of BOOKMARK events on watches with allowWatchBookmarks=true (default 1000 ms). */
  bookmarkIntervalMs?: number;
  /** Node heartbeats (lastHeartbeatTime ticks) every N ms; 0 = off (default). */
  heartbeatIntervalMs?: number;
  /** The clock (default: wall clock). */
  now?: () => Date;
}

/** A running simulator. */
export interface KubeSim extends KubeSimHandle {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Path of the kubeconfig written for this simulator. */
  kubeconfigPath: string;
  /** The kubeconfig YAML text. */
  kubeconfig: string;
  /** Closes all connections (watches included) and stops timers. */
  stop(): Promise<void>;
}

/**
 * Starts a Kubernetes API simulator over plain HTTP: generates the cluster from the seed,
 * listens, writes a kubeconfig, and resolves once it accepts connections. kubectl and
 * @kubernetes/client-node work against `kubeconfigPath`.
 * @throws Error when the port cannot be bound.
 */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const now = options.now ?? (() => new Date());
  const faultsInit: Partial<FaultSettings> = { ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}), ...options.faults };
  const cluster = new SimCluster({
    nodes: options.nodes ?? 50,
    seed: options.seed ?? 1,
    podsPerNode: options.podsPerNode ?? 10,
    watchHistorySize: faultsInit.watchHistorySize ?? 10_000,
    timings: { timeFactor: options.timeFactor ?? 0.1, replacementDelaySeconds: options.replacementDelaySeconds ?? 5, startupSeconds: options.podStartupSeconds ?? 5 },
    now,
  });
  cluster.populate();
  const stats = new SimStats();
  let dropTimer: NodeJS.Timeout | undefined;
  const dropAll = (mode: 'close' | 'reset'): number => {
    let n = 0;
    for (const store of cluster.stores()) n += store.hub.dropAll(mode === 'reset');
    stats.droppedWatches += n;
    return n;
  };
  const applyFaults = (s: FaultSettings): void => {
    for (const store of cluster.stores()) store.hub.setHistorySize(s.watchHistorySize);
    clearInterval(dropTimer);
    dropTimer = s.dropWatchesEverySeconds > 0 ? setInterval(() => dropAll(faults.get().dropWatchMode), s.dropWatchesEverySeconds * 1000).unref() : undefined;
  };
  const faults = new FaultInjector(faultsInit, cluster.random.fork('faults'), () => Date.now(), applyFaults);
  applyFaults(faults.get());
  cluster.nodeController.setHeartbeatInterval(options.heartbeatIntervalMs ?? 0);

  const handle = createHandle(cluster, faults, stats, dropAll);
  let address = '';
  const server: Server = createServer(
    createRequestListener({
      resources: [...cluster.registries.keys()],
      faults,
      stats,
      control: createControlHandler(handle),
      serverAddress: () => address,
      api: {
        registries: cluster.registries,
        clock: cluster.clock,
        tables: cluster.tables,
        subresources: cluster.subresources,
        takeForcedGone: () => faults.takeForcedGone(),
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? 1000,
        now,
      },
    }),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  address = `${host}:${port}`;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfig = buildKubeconfig(url);
  const kubeconfigPath = options.kubeconfigPath ?? join(mkdtempSync(join(tmpdir(), 'kube-sim-')), 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  return {
    ...handle,
    url,
    kubeconfigPath,
    kubeconfig,
    stop: async () => {
      clearInterval(dropTimer);
      cluster.stop();
      dropAll('close');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function createHandle(cluster: SimCluster, faults: FaultInjector, stats: SimStats, dropAll: (mode: 'close' | 'reset') => number): KubeSimHandle {
  const nodes = cluster.nodeRegistry;
  const pods = cluster.registry<Pod>(PODS);
  const pdbs = cluster.registry<PodDisruptionBudget>(POD_DISRUPTION_BUDGETS);
  const nc = cluster.nodeController;
  const objects = <T extends KubeObject>(list: { object: KubeObject }[]): T[] => list.map((e) => e.object as T);
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
      setReady: (name, status) => nc.setReady(name, status),
      addTaint: (name, taint) => nc.addTaint(name, taint),
      removeTaint: (name, key, effect) => nc.removeTaint(name, key, effect),
      setLabels: (name, labels) => nc.setLabels(name, labels),
      modify: (name, mutate) => nc.modify(name, mutate),
      delete: (name) => void nodes.delete(undefined, name, {}),
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
    stats: () => stats.snapshot(Object.fromEntries(cluster.stores().map((s) => [s.def.resource, s.hub.watchers.size])), String(cluster.clock.current)),
    resourceVersion: () => String(cluster.clock.current),
  };
}
