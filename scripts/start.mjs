#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the API + console on http://localhost:8080
// with SQLite under ./data. `npm run demo` (--demo) also starts two kube-sim clusters and registers
// them through the API, so the console shows a living fleet at once: "demo" (200 nodes, Kubernetes
// v1.32, 3 zones) and "demo-edge" (60 nodes, v1.31 with a third of the kubelets one minor behind,
// 2 zones), each with a little background churn (nodes going NotReady, unreachable, rebooted or
// under pressure, and back).
import { buildConsoleIfStale, buildServer, consoleDist, root, startChild } from './lib.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const demo = process.argv.includes('--demo');
buildServer();
buildConsoleIfStale();

const children = [];
const stopAll = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

/** The demo clusters: kube-sim flags per cluster (see docs/kube-sim.md). */
const DEMO_CLUSTERS = [
  { name: 'demo', args: ['--nodes', process.env.KNM_DEMO_NODES ?? '200', '--seed', 'demo', '--kubernetes-version', 'v1.32.4', '--zones', '3', '--churn-per-hour', '6'] },
  { name: 'demo-edge', args: ['--nodes', process.env.KNM_DEMO_EDGE_NODES ?? '60', '--seed', 'demo-edge', '--kubernetes-version', 'v1.31.6', '--older-kubelet-share', '0.35', '--zones', '2', '--churn-per-hour', '4'] },
];

const demoKubeconfigs = [];
if (demo) {
  const firstPort = Number(process.env.KNM_DEMO_SIM_PORT ?? '6443');
  mkdirSync(join(root, 'data'), { recursive: true });
  for (const [i, cluster] of DEMO_CLUSTERS.entries()) {
    const kubeconfigPath = join(root, `data/${cluster.name}.kubeconfig`);
    const { child } = await startChild(
      `kube-sim ${cluster.name}`,
      process.execPath,
      [join(root, 'dist/server/apps/kube-sim/src/main.js'), ...cluster.args, '--heartbeat-ms', '60000', '--port', String(firstPort === 0 ? 0 : firstPort + i), '--kubeconfig', kubeconfigPath],
      {},
      /KUBE_SIM_LISTENING (\S+)/,
    );
    children.push(child);
    demoKubeconfigs.push({ name: cluster.name, path: kubeconfigPath });
  }
}

const { child: api, match } = await startChild(
  'api',
  process.execPath,
  ['--enable-source-maps', join(root, 'dist/server/apps/api/src/main.js')],
  { KNM_CONSOLE_DIR: process.env.KNM_CONSOLE_DIR ?? consoleDist },
  /KNM_LISTENING (\S+)/,
);
children.push(api);
api.once('exit', (code) => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code ?? 1);
});
const url = match[1];

if (demo) {
  const { readFileSync } = await import('node:fs');
  for (const cluster of demoKubeconfigs) {
    const res = await fetch(`${url}/api/v1/clusters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: cluster.name, kubeconfig: readFileSync(cluster.path, 'utf8') }),
    });
    if (res.status === 201) console.log(`registered kube-sim as cluster "${cluster.name}"`);
    else if (res.status === 409) console.log(`cluster "${cluster.name}" already registered`);
    else console.error(`registering the ${cluster.name} cluster failed: ${res.status} ${await res.text()}`);
  }
}
console.log(`\nkube-node-manager is running: ${url.replace('127.0.0.1', 'localhost')}  (Ctrl-C stops it)\n`);
