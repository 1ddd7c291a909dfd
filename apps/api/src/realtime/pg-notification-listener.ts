import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { Clock } from '@knm/common';

/** Callbacks of {@link PgNotificationListener}. */
export interface NotificationHandlers {
  /** One NOTIFY payload on the channel. */
  onNotification(payload: string): void;
  /** LISTEN is (re)established: anything sent while disconnected was lost, so re-read the truth now. */
  onListening(): void;
}

/**
 * One dedicated PostgreSQL connection (from KNM_DATABASE_URL) that LISTENs on a channel and
 * reconnects with backoff (0.5 s doubling to 5 s) when it drops. A listening connection can go
 * silent (TECH-NOTES 6), so it runs `SELECT 1` every `probeIntervalMs` (timeout 5 s) and
 * reconnects when that fails. Errors are logged, never thrown.
 */
export class PgNotificationListener {
  private readonly logger = new Logger('PgNotificationListener');
  private readonly stopped = new AbortController();
  private client: Client | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
    private readonly clock: Clock,
    private readonly probeIntervalMs = 15_000,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoffMs = 500;
    while (!this.stopped.signal.aborted) {
      const ended = await this.listenOnce().catch((err: unknown) => {
        this.logger.warn(`LISTEN ${this.channel}: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      });
      if (ended) backoffMs = 500;
      await this.clock.sleep(backoffMs, this.stopped.signal).catch(() => undefined);
      backoffMs = Math.min(5_000, backoffMs * 2);
    }
  }

  /** Connects, LISTENs and resolves true when the connection ends after having listened. */
  private async listenOnce(): Promise<boolean> {
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true, connectionTimeoutMillis: 5_000, query_timeout: 5_000, application_name: 'knm-listen' });
    const ended = new Promise<void>((resolve) => {
      client.on('error', (err) => {
        this.logger.warn(`LISTEN connection failed: ${err.message}`);
        resolve();
      });
      client.on('end', () => resolve());
    });
    this.client = client;
    try {
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === this.channel && n.payload) this.handlers.onNotification(n.payload);
      });
      await client.query(`LISTEN "${this.channel}"`);
      this.handlers.onListening();
      const gone = new AbortController();
      await Promise.race([ended, this.probe(client, AbortSignal.any([this.stopped.signal, gone.signal]))]);
      gone.abort();
      return true;
    } finally {
      this.client = null;
      client.end().catch(() => undefined);
    }
  }

  /** Resolves when a periodic `SELECT 1` fails (silent connection), or `signal` aborts. */
  private async probe(client: Client, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.clock.sleep(this.probeIntervalMs, signal).catch(() => undefined);
      if (signal.aborted) return;
      try {
        await client.query('SELECT 1');
      } catch (err) {
        this.logger.warn(`LISTEN connection probe failed: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
  }
}
