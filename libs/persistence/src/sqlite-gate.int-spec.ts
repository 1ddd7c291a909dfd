import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from './data-source.factory';
import { LeaseEntity } from './entities';
import { serializeSqliteTransactions } from './sqlite-gate';

const tick = () => new Promise((r) => setImmediate(r));

describe('SQLite transaction gate', () => {
  let dir: string;
  let ds: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knm-gate-'));
    ds = new DataSource(buildDataSourceOptions({ databaseUrl: null, dataDir: dir }));
    await ds.initialize();
    await runMigrations(ds);
    serializeSqliteTransactions(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a committed transaction when a concurrent one rolls back', async () => {
    const failing = ds.transaction(async (m) => {
      await m.insert(LeaseEntity, { name: 'a', token: 1 });
      await tick();
      await tick();
      throw new Error('rolled back');
    });
    const committing = ds.transaction(async (m) => {
      await tick();
      await m.insert(LeaseEntity, { name: 'b', token: 1 });
    });
    await expect(failing).rejects.toThrow('rolled back');
    await committing;
    const names = (await ds.getRepository(LeaseEntity).find()).map((l) => l.name);
    expect(names).toEqual(['b']);
  });

  it('runs a transaction started inside another as a nested one instead of waiting for itself', async () => {
    await ds.transaction(async (outer) => {
      await outer.insert(LeaseEntity, { name: 'outer', token: 1 });
      await ds.transaction(async (inner) => inner.insert(LeaseEntity, { name: 'inner', token: 1 }));
    });
    expect(await ds.getRepository(LeaseEntity).count()).toBe(2);
  });
});
