#!/usr/bin/env node
// `npm run sim -- --nodes 200 --port 6443 --kubeconfig data/sim.kubeconfig`: runs kube-sim alone.
import { join } from 'node:path';
import { buildServer, root, run } from './lib.mjs';

buildServer();
run(process.execPath, [join(root, 'dist/server/apps/kube-sim/src/main.js'), ...process.argv.slice(2)]);
