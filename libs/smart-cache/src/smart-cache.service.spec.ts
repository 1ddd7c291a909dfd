import type { ClusterNodeEntity } from '@knm/persistence';
import type { ClusterEvents, ClusterService } from '@knm/cluster';
import type { NodeSummary } from '@knm/contracts';
import { waitFor } from '@test/harness';
import type { NodePodsReader } from './node-pods.reader';
import { SmartCacheService } from './smart-cache.service';
import type { SmartCacheRepository } from './smart-cache.repository';
import { nodeFixture } from './testing/node-fixture';

const row = (node: NodeSummary, seq: number, deleted = false): ClusterNodeEntity =>
  ({ cluster: 'c1', name: node.name, summary: node, resourceVersion: node.resourceVersion, seq, deleted, updatedAt: new Date(0) }) as ClusterNodeEntity;

class FakeRepository {
  rows: ClusterNodeEntity[] = [];
  reads = 0;
  async allRows() {
    return this.rows;
  }
  async rowsAfter(_c: string, seq: number) {
    this.reads++;
    return this.rows.filter((r) => r.seq > seq).sort((a, b) => a.seq - b.seq);
  }
}

function setup(rows: ClusterNodeEntity[] = []) {
  const repository = new FakeRepository();
  repository.rows = rows;
  const clusters = { assertExists: async () => undefined } as unknown as ClusterService;
  const events = { on: () => () => undefined } as unknown as ClusterEvents;
  const pods = { podsOnNode: async () => [] } as unknown as NodePodsReader;
  const cache = new SmartCacheService(repository as unknown as SmartCacheRepository, clusters, events, pods);
  return { cache, repository };
}

describe('SmartCacheService', () => {
  it('loads live rows from the table and takes the highest seq, tombstones included', async () => {
    const { cache } = setup([row(nodeFixture('a'), 3), row(nodeFixture('b'), 7, true)]);
    await cache.loadFromTable('c1');
    expect(cache.get('c1', 'a')?.name).toBe('a');
    expect(cache.get('c1', 'b')).toBeUndefined();
    expect(cache.seqOf('c1')).toBe(7);
  });

  it('applies the next change and ignores one already applied', async () => {
    const { cache } = setup([row(nodeFixture('a'), 1)]);
    await cache.loadFromTable('c1');
    cache.applyChange('c1', 2, 'modified', nodeFixture('a', { labels: { v: '2' } }));
    cache.applyChange('c1', 2, 'modified', nodeFixture('a', { labels: { v: 'stale' } }));
    expect(cache.get('c1', 'a')?.labels).toEqual({ v: '2' });
    expect(cache.seqOf('c1')).toBe(2);
  });

  it('removes a deleted node', async () => {
    const { cache } = setup([row(nodeFixture('a'), 1)]);
    await cache.loadFromTable('c1');
    cache.applyChange('c1', 2, 'deleted', nodeFixture('a'));
    expect(cache.get('c1', 'a')).toBeUndefined();
  });

  it('catches up from the table when a change skips a seq', async () => {
    const { cache, repository } = setup([row(nodeFixture('a'), 1)]);
    await cache.loadFromTable('c1');
    repository.rows = [row(nodeFixture('a'), 1), row(nodeFixture('missed'), 2), row(nodeFixture('b'), 3)];
    cache.applyChange('c1', 3, 'added', nodeFixture('b'));
    await waitFor('caught up', () => cache.seqOf('c1') === 3);
    expect(cache.get('c1', 'missed')?.name).toBe('missed');
    expect(cache.get('c1', 'b')?.name).toBe('b');
  });

  it('catchUp applies tombstones and advances to the highest seq', async () => {
    const { cache, repository } = setup([row(nodeFixture('a'), 1), row(nodeFixture('b'), 2)]);
    await cache.loadFromTable('c1');
    repository.rows = [row(nodeFixture('a'), 5, true), row(nodeFixture('b'), 2)];
    await cache.catchUp('c1');
    expect(cache.get('c1', 'a')).toBeUndefined();
    expect(cache.seqOf('c1')).toBe(5);
  });

  it('selects names by label selector, sorted by name', async () => {
    const { cache } = setup([row(nodeFixture('z', { labels: { env: 'prod' } }), 1), row(nodeFixture('a', { labels: { env: 'prod' } }), 2), row(nodeFixture('m'), 3)]);
    await cache.loadFromTable('c1');
    expect(cache.select('c1', 'env=prod')).toEqual(['a', 'z']);
  });

  it('is not synced until the informer marks it', async () => {
    const { cache } = setup();
    await cache.loadFromTable('c1');
    expect(cache.isSynced('c1')).toBe(false);
    cache.markSynced('c1', true);
    expect(cache.isSynced('c1')).toBe(true);
  });

  it('throws NODE_NOT_FOUND for an unknown node', async () => {
    const { cache } = setup();
    await expect(cache.nodeDetail('c1', 'ghost')).rejects.toMatchObject({ code: 'NODE_NOT_FOUND' });
  });
});
