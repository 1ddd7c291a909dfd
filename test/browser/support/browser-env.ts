import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiRoutes, type ClusterResponse, type CreateClusterRequest } from '@knm/contracts';
import { startApi, type ApiProcess } from '../../harness';
import { startKubeSim, type KubeSim } from '../../../apps/kube-sim/src';

/**
 * Where the browser suite points Chromium: the built console served by the real API (spawned by
 * test/harness with KNM_CONSOLE_DIR) against kube-sim (apps/kube-sim), registered through the API; or an
 * already running deployment named by KNM_E2E_URL (+ KNM_E2E_CLUSTER).
 */
export interface BrowserEnv {
  baseUrl: string;
  cluster: string;
  /** The simulator behind `cluster` (absent with KNM_E2E_URL), for fault switches. */
  sim?: KubeSim;
  /**
   * Takes the API down (SIGKILL, as a crash) and brings it back on the same port and database
   * (absent with KNM_E2E_URL): for tests of what the console does while the API is unreachable.
   */
  api?: { kill(): Promise<void>; restart(): Promise<void> };
  stop(): Promise<void>;
}

export interface BrowserEnvOptions {
  /** Pods kube-sim places on each node (default 0). */
  podsPerNode?: number;
}


export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const CONSOLE_DIR = join(REPO_ROOT, 'dist/console/browser');

/** Why the suite cannot run here (one line), or null when it can. */
export function unavailableReason(chromiumPath: string): string | null {
  if (!existsSync(chromiumPath)) return `Chromium not found at ${chromiumPath} (apt install chromium, or set KNM_CHROMIUM)`;
  return null;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} -> ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Starts kube-sim + API (or attaches to KNM_E2E_URL) with a cluster of at least `nodes` nodes. The
 * server and the console are built by the browser project's globalSetup (support/global-setup.ts).
 */
export async function startBrowserEnv(nodes: number, options: BrowserEnvOptions = {}): Promise<BrowserEnv> {
  const external = process.env.KNM_E2E_URL;
  if (external) {
    const clusters = await json<ClusterResponse[]>(external + ApiRoutes.clusters());
    const cluster = process.env.KNM_E2E_CLUSTER ?? clusters.find((c) => c.nodeCount >= nodes)?.name;
    if (!cluster) throw new Error(`${external} has no cluster with ${nodes} nodes; set KNM_E2E_CLUSTER`);
    return { baseUrl: external, cluster, stop: async () => undefined };
  }
  const sim = await startKubeSim({ nodes: nodes + 10, podsPerNode: options.podsPerNode ?? 0 });
  let api: ApiProcess = await startApi({ env: { KNM_CONSOLE_DIR: CONSOLE_DIR } }).catch(async (err: unknown) => {
    await sim.stop();
    throw err;
  });
  const dataDir = api.dataDir;
  const cluster = 'e2e-browser';
  const body: CreateClusterRequest = { name: cluster, kubeconfig: sim.kubeconfig };
  try {
    await json<ClusterResponse>(api.url + ApiRoutes.clusters(), { method: 'POST', body: JSON.stringify(body) });
  } catch (err) {
    await api.stop();
    await sim.stop();
    throw err;
  }
  const baseUrl = api.url;
  const port = new URL(baseUrl).port;
  return {
    baseUrl,
    cluster,
    sim,
    api: {
      kill: () => api.kill(),
      restart: async () => {
        api = await startApi({ dataDir, env: { KNM_CONSOLE_DIR: CONSOLE_DIR, KNM_PORT: port } });
      },
    },
    stop: async () => {
      await api.stop();
      await sim.stop();
      // A restarted API runs on a data dir it did not create, so it leaves it: remove it here.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
