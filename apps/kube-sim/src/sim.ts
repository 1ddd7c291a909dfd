import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimCluster } from './cluster';
import { FaultInjector, type FaultSettings } from './faults/faults';
import { SimStats } from './server/stats';
import { createRequestListener } from './server/http-server';
import { createControlHandler } from './control/control-api';
import { createHandle } from './control/handle';
import { buildKubeconfig } from './kubeconfig';
import { clusterOptions, type KubeSimOptions } from './sim-options';
import type { KubeSimHandle } from './sim-handle';

export type { KubeSimOptions } from './sim-options';

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
 * @throws Error for an invalid option or when the port cannot be bound.
 */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const now = options.now ?? (() => new Date());
  const faultsInit: Partial<FaultSettings> = { ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}), ...options.faults };
  const resolved = clusterOptions(options, now, faultsInit.watchHistorySize ?? 10_000);
  const cluster = new SimCluster(resolved);
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
  if (options.churn) cluster.churn.set(options.churn);

  const handle = createHandle(cluster, faults, stats, dropAll);
  let address = '';
  const server: Server = createServer(
    createRequestListener({
      resources: [...cluster.registries.keys()],
      faults,
      stats,
      control: createControlHandler(handle),
      serverAddress: () => address,
      kubernetesVersion: resolved.kubernetesVersion,
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
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (err) {
    cluster.stop();
    throw err;
  }
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
