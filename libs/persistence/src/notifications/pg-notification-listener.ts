import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Backoff, BackoffPolicy, Clock, RandomSource } from '@knm/common';
import { NotificationHandlers, NotificationListener, NotificationSubscription } from './notification-listener';
import { ListenClient, PgListenClientFactory } from './pg-listen-client';

/** Reconnect pacing of a LISTEN connection: 0.5 s doubling to 5 s, equal jitter; restarts after a session that listened. */
export const LISTEN_RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 5_000 };

/** Interval of the `SELECT 1` liveness probe on a listening connection, ms. */
export const LISTEN_PROBE_INTERVAL_MS = 15_000;

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * {@link NotificationListener} on PostgreSQL (KNM_DATABASE_URL): per subscription, one dedicated
 * connection that LISTENs on the channel and reconnects with {@link LISTEN_RECONNECT_BACKOFF}
 * when it drops. A listening connection can go silent (TECH-NOTES 6), so it runs `SELECT 1` every
 * {@link LISTEN_PROBE_INTERVAL_MS} and reconnects when that fails. Errors are logged, never thrown.
 */
@Injectable()
export class PgNotificationListener extends NotificationListener {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly clients: PgListenClientFactory,
  ) {
    super();
  }

  override listen(channel: string, handlers: NotificationHandlers): NotificationSubscription {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`LISTEN channel must be a lowercase SQL identifier, got "${channel}"`);
    const url = this.config.databaseUrl;
    if (!url) throw new Error('LISTEN needs PostgreSQL (KNM_DATABASE_URL)');
    const session = new ListenSession(channel, handlers, () => this.clients.create(url), this.clock, new Backoff(LISTEN_RECONNECT_BACKOFF, this.random));
    session.start();
    return { stop: () => session.stop() };
  }
}

/** The connect-LISTEN-probe-reconnect loop of one subscription. */
class ListenSession {
  private readonly logger: Logger;
  private readonly stopped = new AbortController();
  private client: ListenClient | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
    private readonly connect: () => ListenClient,
    private readonly clock: Clock,
    private readonly backoff: Backoff,
  ) {
    this.logger = new Logger(`LISTEN ${channel}`);
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      const listened = await this.listenOnce().catch((err: unknown) => {
        this.logger.warn(messageOf(err));
        return false;
      });
      if (this.stopped.signal.aborted) return;
      if (listened) this.backoff.reset();
      await this.clock.sleep(this.backoff.nextDelay(this.clock.monotonic()), this.stopped.signal).catch(() => undefined);
    }
  }

  /** Connects, LISTENs and resolves true when the connection ends (or stops answering) after having listened. */
  private async listenOnce(): Promise<boolean> {
    const client = this.connect();
    const ended = new Promise<void>((resolve) => {
      client.on('error', (err) => {
        this.logger.warn(`connection failed: ${err.message}`);
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

  /** Resolves when a periodic `SELECT 1` fails (a silent connection), or `signal` aborts. */
  private async probe(client: ListenClient, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.clock.sleep(LISTEN_PROBE_INTERVAL_MS, signal).catch(() => undefined);
      if (signal.aborted) return;
      try {
        await client.query('SELECT 1');
      } catch (err) {
        this.logger.warn(`probe failed: ${messageOf(err)}`);
        return;
      }
    }
  }
}
