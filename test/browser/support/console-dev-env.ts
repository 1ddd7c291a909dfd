/**
 * Development aid: kube-sim (120 nodes) + the built API serving the built console, with the
 * simulator registered as cluster `sim-a`. Prints the URL; Ctrl-C stops both.
 *
 *   node scripts/build-server.mjs && npx ng build console
 *   node test/browser/support/run-ts.cjs test/browser/support/console-dev-env.ts
 *
 * The browser suite can then run against it: KNM_E2E_URL=<printed url> npx jest --selectProjects browser
 */
import { ApiRoutes, type CreateClusterRequest } from '@knm/contracts';
import { startKubeSim } from '../../../apps/kube-sim/src';
import { startApi } from '../../harness';
import { CONSOLE_DIR } from './browser-env';

async function main(): Promise<void> {
  const sim = await startKubeSim({ nodes: 120, podsPerNode: 2 });
  const api = await startApi({ env: { KNM_CONSOLE_DIR: CONSOLE_DIR } });
  const body: CreateClusterRequest = { name: 'sim-a', kubeconfig: sim.kubeconfig };
  const res = await fetch(api.url + ApiRoutes.clusters(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`registering sim-a: ${res.status} ${await res.text()}`);
  process.stdout.write(`console: ${api.url}/nodes\n`);
  const stop = async (): Promise<void> => {
    await api.stop();
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
