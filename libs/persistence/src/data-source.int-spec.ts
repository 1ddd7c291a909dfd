import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, describeDatabase, runMigrations } from './data-source.factory';
import { TaskEventEntity } from './entities';

describe('SQLite database', () => {
  let dir: string;
  let ds: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knm-db-'));
    ds = new DataSource(buildDataSourceOptions({ databaseUrl: null, dataDir: dir }));
    await ds.initialize();
  });
  afterEach(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once and none on a second run', async () => {
    expect((await runMigrations(ds)).length).toBeGreaterThan(0);
    expect(await runMigrations(ds)).toEqual([]);
  });

  it('rejects a second task event with the same task and seq', async () => {
    await runMigrations(ds);
    const repo = ds.getRepository(TaskEventEntity);
    const event = { taskId: 't1', seq: 1, type: 'task:created' as const, payload: {}, at: new Date() };
    await repo.insert(event);
    await expect(repo.insert(event)).rejects.toThrow(/UNIQUE|constraint/i);
  });

  it('describes where the database is without credentials', () => {
    expect(describeDatabase({ databaseUrl: 'postgres://u:secret@db.example:6543/knm', dataDir: dir })).toBe('postgres db.example:6543/knm');
  });
});
