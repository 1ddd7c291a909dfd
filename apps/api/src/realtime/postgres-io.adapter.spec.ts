import type { INestApplicationContext } from '@nestjs/common';
import { createServer } from 'node:net';
import { AdapterDatabaseError, describePostgresUrl, PostgresIoAdapter } from './postgres-io.adapter';

/** A TCP port on 127.0.0.1 with nothing listening (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('PostgresIoAdapter.connect', () => {
  it('fails with AdapterDatabaseError naming host and port when PostgreSQL is unreachable', async () => {
    const port = await closedPort();
    const attempt = PostgresIoAdapter.connect({} as INestApplicationContext, `postgres://u:secret@127.0.0.1:${port}/knm`);
    await expect(attempt).rejects.toBeInstanceOf(AdapterDatabaseError);
    await expect(PostgresIoAdapter.connect({} as INestApplicationContext, `postgres://u:secret@127.0.0.1:${port}/knm`)).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${port}/knm`),
    );
  });

  it('describes a URL without its credentials', () => {
    expect(describePostgresUrl('postgres://user:secret@db.example:6432/knm')).toBe('postgres db.example:6432/knm');
    expect(describePostgresUrl('postgres://db/knm')).toBe('postgres db:5432/knm');
  });
});
