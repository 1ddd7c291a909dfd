#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the API + console on http://localhost:8080
// with SQLite under ./data. `npm run demo` (--demo) also starts kube-sim with a realistic
// 200-node cluster and registers it as "demo", so the console shows live nodes at once.
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

let kubeconfig = null;
if (demo) {
  const simPort = process.env.KNM_DEMO_SIM_PORT ?? '6443';
  mkdirSync(join(root, 'data'), { recursive: true });
  const kubeconfigPath = join(root, 'data/demo.kubeconfig');
  const { child } = await startChild(
    'kube-sim',
    process.execPath,
    [join(root, 'dist/server/apps/kube-sim/src/main.js'), '--nodes', process.env.KNM_DEMO_NODES ?? '200', '--seed', 'demo', '--port', simPort, '--kubeconfig', kubeconfigPath],
    {},
    /KUBE_SIM_LISTENING (\S+)/,
  );
  children.push(child);
  kubeconfig = kubeconfigPath;
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
  const res = await fetch(`${url}/api/v1/clusters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'demo', kubeconfig: readFileSync(kubeconfig, 'utf8') }),
  });
  if (res.status === 201) console.log('registered kube-sim as cluster "demo"');
  else if (res.status === 409) console.log('cluster "demo" already registered');
  else console.error(`registering the demo cluster failed: ${res.status} ${await res.text()}`);
}
console.log(`\nkube-node-manager is running: ${url.replace('127.0.0.1', 'localhost')}  (Ctrl-C stops it)\n`);
