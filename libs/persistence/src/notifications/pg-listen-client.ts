import { Injectable } from '@nestjs/common';
import { Client } from 'pg';

/** The part of a `pg` Client a LISTEN session uses. */
export interface ListenClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (n: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/**
 * Opens the dedicated connection of a LISTEN session: its own `pg` Client (never a pooled one: a
 * pool or a transaction pooler breaks LISTEN, TECH-NOTES 6), with TCP keep-alive, a 5 s connect
 * and query timeout. The seam below {@link PgNotificationListener}; unit tests replace it.
 */
@Injectable()
export class PgListenClientFactory {
  create(databaseUrl: string): ListenClient {
    return new Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: 5_000, query_timeout: 5_000, application_name: 'knm-listen' });
  }
}
