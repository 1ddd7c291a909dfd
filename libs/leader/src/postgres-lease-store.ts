import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { LeaseGroupLoad, LeaseStore } from './lease-store';

const ACQUIRE_OR_RENEW = `
UPDATE leases
SET token       = CASE WHEN holder = $2 THEN token ELSE token + 1 END,
    acquired_at = CASE WHEN holder = $2 THEN acquired_at ELSE now() END,
    holder      = $2,
    renewed_at  = now(),
    expires_at  = now() + make_interval(secs => $3)
WHERE name = $1 AND (holder = $2 OR holder IS NULL OR expires_at < now())
RETURNING token`;

const GROUP_LOAD = `
SELECT
  (SELECT count(*) FROM leases WHERE name LIKE 'replica:%' AND expires_at > now()) AS live,
  (SELECT count(*) FROM leases WHERE name LIKE $2 AND (renewed_at IS NULL OR renewed_at > now() - interval '1 hour')) AS total,
  (SELECT count(*) FROM leases WHERE name LIKE $2 AND holder = $3 AND expires_at > now()) AS mine,
  (SELECT holder IS NULL OR expires_at < now() - make_interval(secs => $4) FROM leases WHERE name = $1) AS long_free`;

/** Heartbeat rows of replicas gone for an hour (default replica ids change with every process). */
const PRUNE_REPLICAS = "DELETE FROM leases WHERE name LIKE 'replica:%' AND expires_at < now() - interval '1 hour'";

/**
 * {@link LeaseStore} on PostgreSQL. Acquire/renew/release run on ONE dedicated connection opened
 * from the same KNM_DATABASE_URL (not from the TypeORM pool, which busy request handlers can
 * exhaust), with a server `statement_timeout` and a client `query_timeout` of `timeoutMs`; after
 * any error the connection is dropped and reopened on the next call. Guards run on the caller's
 * transaction and use `clock_timestamp()`: `now()` is frozen at the start of that transaction.
 */
export class PostgresLeaseStore extends LeaseStore {
  private readonly logger = new Logger('PostgresLeaseStore');
  private client: Promise<Client> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly timeoutMs: number,
    private readonly applicationName = 'knm-leases',
  ) {
    super();
  }

  async ensure(name: string): Promise<void> {
    await this.query('INSERT INTO leases (name, token) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING', [name]);
    if (name.startsWith('replica:')) await this.query(PRUNE_REPLICAS, []);
  }

  async acquireOrRenew(name: string, holder: string, ttlMs: number): Promise<number | null> {
    const rows = await this.query<{ token: string }>(ACQUIRE_OR_RENEW, [name, holder, ttlMs / 1000]);
    return rows.length ? Number(rows[0].token) : null;
  }

  async release(name: string, holder: string, token: number): Promise<void> {
    await this.query('UPDATE leases SET holder = NULL, expires_at = now() WHERE name = $1 AND holder = $2 AND token = $3', [name, holder, token]);
  }

  async groupLoad(name: string, holder: string, graceMs: number): Promise<LeaseGroupLoad> {
    const group = `${name.split(':')[0]}:%`;
    const [row] = await this.query<{ live: string; total: string; mine: string; long_free: boolean | null }>(GROUP_LOAD, [name, group, holder, graceMs / 1000]);
    return { liveReplicas: Math.max(1, Number(row.live)), total: Number(row.total), mine: Number(row.mine), freeLongerThanGrace: row.long_free !== false };
  }

  async isHeld(manager: EntityManager, name: string, holder: string, token: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM leases WHERE name = $1 AND holder = $2 AND token = $3 AND expires_at > clock_timestamp() FOR SHARE',
      [name, holder, token],
    );
    return rows.length === 1;
  }

  async close(): Promise<void> {
    const pending = this.client;
    this.client = null;
    if (pending) await pending.then((c) => c.end()).catch(() => undefined);
  }

  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const client = await this.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } catch (err) {
      this.drop(client);
      throw err;
    }
  }

  private connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.databaseUrl,
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
      statement_timeout: this.timeoutMs,
      keepAlive: true,
      application_name: this.applicationName,
    });
    client.on('error', (err) => {
      this.logger.warn(`lease connection error: ${err.message}`);
      this.drop(client);
    });
    const connecting = client.connect().then(
      () => client,
      (err: unknown) => {
        if (this.client === connecting) this.client = null;
        throw err;
      },
    );
    this.client = connecting;
    return connecting;
  }

  private drop(client: Client): void {
    const current = this.client;
    this.client = null;
    void current?.catch(() => undefined);
    client.end().catch(() => undefined);
  }
}
