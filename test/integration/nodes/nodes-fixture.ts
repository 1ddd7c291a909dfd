import type { ClusterResponse } from '@knm/contracts';
import { ApiRoutes } from '@knm/contracts';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../../../apps/kube-sim/src';
import { apiClient, ApiProcess, startApi, waitFor } from '../../harness';

/** A running API process, a kube-sim, and (optionally) the sim registered as a cluster. */
export interface NodesFixture {
  api: ApiProcess;
  sim: KubeSim;
  client: ReturnType<typeof apiClient>;
  stop(): Promise<void>;
}

/** Starts kube-sim and the API (with `apiEnv(sim)` as extra environment); stop() ends both. */
export async function startNodesFixture(sim: KubeSimOptions = {}, apiEnv: (sim: KubeSim) => Record<string, string> = () => ({})): Promise<NodesFixture> {
  const kubeSim = await startKubeSim({ nodes: 20, seed: 7, port: 0, podsPerNode: 3, ...sim });
  let api: ApiProcess;
  try {
    api = await startApi({ env: apiEnv(kubeSim) });
  } catch (err) {
    await kubeSim.stop();
    throw err;
  }
  return {
    api,
    sim: kubeSim,
    client: apiClient(api.url),
    stop: async () => {
      await api.stop();
      await kubeSim.stop();
    },
  };
}

/** Registers the fixture's kube-sim as `name` and waits until its informer reports `synced`. */
export async function registerSim(f: NodesFixture, name: string): Promise<ClusterResponse> {
  const res = await f.client.post<ClusterResponse>(ApiRoutes.clusters(), { name, kubeconfig: f.sim.kubeconfig });
  if (res.status !== 201) throw new Error(`register ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return waitFor(`cluster ${name} synced`, async () => {
    const c = await f.client.get<ClusterResponse>(ApiRoutes.cluster(name));
    return c.body.status === 'synced' ? c.body : undefined;
  });
}
