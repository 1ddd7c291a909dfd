import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The table @socket.io/postgres-adapter uses for payloads with binary data or over its NOTIFY
 * threshold (TECH-NOTES 5; its README's schema). PostgreSQL only: embedded mode has no adapter.
 */
export class SocketIoAttachments1732172000000 implements MigrationInterface {
  name = 'SocketIoAttachments1732172000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('DROP TABLE IF EXISTS socket_io_attachments');
  }
}
