import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiRoutes, type ClusterResponse, type CreateClusterRequest } from '@knm/contracts';
import { startApi } from '../../harness';
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
  stop(): Promise<void>;
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

function buildConsoleAndServer(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-server.mjs')], { cwd: REPO_ROOT, stdio: 'ignore' });
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/@angular/cli/bin/ng.js'), 'build', 'console'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false', CI: 'true' },
  });
}

/** Starts kube-sim + API (or attaches to KNM_E2E_URL) with a cluster of at least `nodes` nodes. */
export async function startBrowserEnv(nodes: number): Promise<BrowserEnv> {
  const external = process.env.KNM_E2E_URL;
  if (external) {
    const clusters = await json<ClusterResponse[]>(external + ApiRoutes.clusters());
    const cluster = process.env.KNM_E2E_CLUSTER ?? clusters.find((c) => c.nodeCount >= nodes)?.name;
    if (!cluster) throw new Error(`${external} has no cluster with ${nodes} nodes; set KNM_E2E_CLUSTER`);
    return { baseUrl: external, cluster, stop: async () => undefined };
  }
  buildConsoleAndServer();
  const sim = await startKubeSim({ nodes: nodes + 10, podsPerNode: 0 });
  const api = await startApi({ env: { KNM_CONSOLE_DIR: CONSOLE_DIR } }).catch(async (err: unknown) => {
    await sim.stop();
    throw err;
  });
  const cluster = 'e2e-browser';
  const body: CreateClusterRequest = { name: cluster, kubeconfig: sim.kubeconfig };
  try {
    await json<ClusterResponse>(api.url + ApiRoutes.clusters(), { method: 'POST', body: JSON.stringify(body) });
  } catch (err) {
    await api.stop();
    await sim.stop();
    throw err;
  }
  return {
    baseUrl: api.url,
    cluster,
    sim,
    stop: async () => {
      await api.stop();
      await sim.stop();
    },
  };
}
