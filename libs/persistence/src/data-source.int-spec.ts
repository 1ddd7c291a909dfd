import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, describeDatabase, runMigrations } from './data-source.factory';
import { ClusterEntity, ClusterNodeEntity, TaskEventEntity } from './entities';
import type { NodeSummary } from '@knm/contracts';

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

  it('deletes a cluster\'s node rows with the cluster and refuses node rows of an unknown cluster', async () => {
    await runMigrations(ds);
    const now = new Date();
    await ds.getRepository(ClusterEntity).insert({
      name: 'c1', server: 'https://k8s.example:6443', context: 'c1', kubeconfigEnc: 'x', status: 'synced',
      statusMessage: null, kubernetesVersion: null, createdBy: 'test', createdAt: now, updatedAt: now,
    });
    const row = (cluster: string) => ({ cluster, name: 'n1', summary: {} as NodeSummary, resourceVersion: '1', seq: 1, deleted: false, updatedAt: now });
    const nodes = ds.getRepository(ClusterNodeEntity);
    await nodes.insert(row('c1'));
    await ds.getRepository(ClusterEntity).delete({ name: 'c1' });
    expect(await nodes.count()).toBe(0);
    await expect(nodes.insert(row('gone'))).rejects.toThrow(/FOREIGN KEY/i);
  });

  it('describes where the database is without credentials', () => {
    expect(describeDatabase({ databaseUrl: 'postgres://u:secret@db.example:6543/knm', dataDir: dir })).toBe('postgres db.example:6543/knm');
  });
});
