import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool, PoolClient } from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/** Tunables of {@link PostgresIoAdapter}; defaults suit production. */
export interface PostgresIoAdapterOptions {
  /** Largest NOTIFY payload, bytes; bigger ones go through socket_io_attachments. 7900: adapter 0.5.0 fails on exactly 8000 (TECH-NOTES 5). */
  payloadThreshold?: number;
  /** Adapter heartbeat between replicas, ms (adapter default 5000); a replica silent for `heartbeatTimeout` is forgotten. */
  heartbeatInterval?: number;
  heartbeatTimeout?: number;
  /** Connections in the adapter's pool (one is held for LISTEN). */
  poolSize?: number;
}

/** Thrown at start-up when the adapter cannot reach PostgreSQL; the message names host and port. */
export class AdapterDatabaseError extends Error {
  constructor(where: string, cause: string) {
    super(`Socket.IO Postgres adapter cannot connect to ${where}: ${cause}`);
    this.name = 'AdapterDatabaseError';
  }
}

/** `host:port/db` of a postgres URL, without credentials. */
export function describePostgresUrl(url: string): string {
  const u = new URL(url);
  return `postgres ${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/**
 * The adapter holds one pool client for LISTEN and, when its connection ends, opens another without
 * releasing the dead one, which then counts against the pool size and makes `pool.end()` wait
 * forever (from code, @socket.io/postgres-adapter 0.5.0 util.js). Releases such a client (checked
 * out, with a `notification` listener: only the adapter's LISTEN client has one) when it ends.
 */
function releaseDeadListenClients(pool: Pool): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client: PoolClient) => checkedOut.add(client));
  pool.on('release', (_err: Error | undefined, client: PoolClient) => checkedOut.delete(client));
  pool.on('connect', (client: PoolClient) =>
    client.on('end', () => {
      if (!checkedOut.has(client) || client.listenerCount('notification') === 0) return;
      checkedOut.delete(client);
      client.release(new Error('LISTEN connection ended'));
    }),
  );
}

/**
 * Socket.IO server with @socket.io/postgres-adapter attached in `createIOServer` (the NestJS way:
 * `app.useWebSocketAdapter()` before `listen()`), so room broadcasts and server-side emits reach
 * every replica's sockets. Its pool is built from the one KNM_DATABASE_URL. A dropped database
 * connection never crashes the replica: `error` is handled on the pool and on every client it
 * creates (the adapter's held LISTEN client has no listener of its own, TECH-NOTES 5); the
 * adapter re-LISTENs on a fresh client after the old one ends. Notifications sent while it
 * reconnects are lost by design; persisted, sequenced task events and the node table repair that.
 */
export class PostgresIoAdapter extends IoAdapter {
  private closed = false;

  private constructor(
    app: INestApplicationContext,
    private readonly pool: Pool,
    private readonly options: Required<PostgresIoAdapterOptions>,
  ) {
    super(app);
  }

  /**
   * Builds the pool and checks that PostgreSQL answers. Throws {@link AdapterDatabaseError} naming
   * host and port when it does not (connect timeout 5 s).
   */
  static async connect(app: INestApplicationContext, databaseUrl: string, options: PostgresIoAdapterOptions = {}): Promise<PostgresIoAdapter> {
    const where = describePostgresUrl(databaseUrl);
    const resolved: Required<PostgresIoAdapterOptions> = { payloadThreshold: 7_900, heartbeatInterval: 5_000, heartbeatTimeout: 10_000, poolSize: 4, ...options };
    const pool = new Pool({
      connectionString: databaseUrl,
      max: resolved.poolSize,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'knm-socket.io',
    });
    const logger = new Logger('PostgresIoAdapter');
    pool.on('error', (err) => logger.warn(`idle adapter connection to ${where} failed: ${err.message}`));
    pool.on('connect', (client: PoolClient) => client.on('error', (err) => logger.warn(`adapter connection to ${where} failed: ${err.message}`)));
    releaseDeadListenClients(pool);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new AdapterDatabaseError(where, err instanceof Error ? err.message : String(err));
    }
    return new PostgresIoAdapter(app, pool, resolved);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(
      createAdapter(this.pool, {
        payloadThreshold: this.options.payloadThreshold,
        heartbeatInterval: this.options.heartbeatInterval,
        heartbeatTimeout: this.options.heartbeatTimeout,
        errorHandler: (err: Error) => this.logger.warn(`adapter: ${err.message}`),
      }),
    );
    return server;
  }

  /**
   * Closes the server, then the pool, giving `pool.end()` at most 2 s (it waits for every
   * checked-out client; see releaseDeadListenClients) so shutdown is never held up.
   */
  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.closed) return;
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.pool.end().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000).unref())),
    ]);
    clearTimeout(timer);
  }
}
