#!/usr/bin/env node
// `npm run bench`: runs the benchmarks (test/bench/*.bench.ts) one after another; they print figures and assert nothing.
import { join } from 'node:path';
import { root, run } from './lib.mjs';

run(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'bench', '--runInBand', '--silent=false', ...process.argv.slice(2)]);
