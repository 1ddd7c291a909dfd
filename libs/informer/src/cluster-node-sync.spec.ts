import type { NodeChangedEvent, NodeSummary } from '@knm/contracts';
import { nodeFixture } from '@knm/smart-cache/testing';
import { ClusterNodeSync, WRITE_CHUNK } from './cluster-node-sync';
import type { NodeRowChange, StoredNodes } from './informer.repository';

class FakeRepository {
  writes: NodeRowChange[][] = [];
  guardCalls = 0;
  constructor(private readonly stored: StoredNodes = { nodes: new Map(), maxSeq: 0 }) {}
  async loadStored() {
    return this.stored;
  }
  async writeChanges(_c: string, changes: NodeRowChange[], _at: Date, guard: (m: never) => Promise<void>) {
    await guard(undefined as never);
    this.guardCalls++;
    this.writes.push(changes);
  }
}

async function setup(stored?: StoredNodes, guard: () => Promise<void> = async () => undefined) {
  const repository = new FakeRepository(stored);
  const applied: string[] = [];
  const published: NodeChangedEvent[] = [];
  const sync = new ClusterNodeSync(
    'c1',
    { guard },
    repository,
    {
      applyChange: (_c, seq, type, node) => applied.push(`${seq}:${type}:${node.name}`),
      publishNodeChanged: (e) => published.push(e),
    },
    () => 0,
  );
  await sync.init();
  return { sync, repository, applied, published };
}

const storedOf = (nodes: NodeSummary[], maxSeq: number): StoredNodes => ({ nodes: new Map(nodes.map((n) => [n.name, n])), maxSeq });

describe('ClusterNodeSync', () => {
  it('writes, caches and publishes an added node with the next seq after the table max', async () => {
    const t = await setup(storedOf([], 41));
    await t.sync.applyEvents([{ type: 'ADDED', node: nodeFixture('a') }]);
    expect(t.repository.writes).toEqual([[{ seq: 42, deleted: false, node: nodeFixture('a') }]]);
    expect(t.applied).toEqual(['42:added:a']);
    expect(t.published).toEqual([{ cluster: 'c1', seq: 42, type: 'added', name: 'a', node: nodeFixture('a') }]);
  });

  it('ignores an update that changes only the resourceVersion', async () => {
    const t = await setup(storedOf([nodeFixture('a')], 5));
    await t.sync.applyEvents([{ type: 'MODIFIED', node: nodeFixture('a', { resourceVersion: '99' }) }]);
    expect(t.repository.writes).toEqual([]);
    expect(t.published).toEqual([]);
  });

  it('records a label change as modified', async () => {
    const t = await setup(storedOf([nodeFixture('a')], 5));
    await t.sync.applyEvents([{ type: 'MODIFIED', node: nodeFixture('a', { labels: { x: 'y' } }) }]);
    expect(t.applied).toEqual(['6:modified:a']);
  });

  it('writes a deletion as a tombstone and publishes it without the node', async () => {
    const t = await setup(storedOf([nodeFixture('a')], 5));
    await t.sync.applyEvents([{ type: 'DELETED', node: nodeFixture('a') }]);
    expect(t.repository.writes[0]).toEqual([{ seq: 6, deleted: true, node: nodeFixture('a') }]);
    expect(t.published).toEqual([{ cluster: 'c1', seq: 6, type: 'deleted', name: 'a' }]);
  });

  it('ignores the deletion of a node it never stored', async () => {
    const t = await setup();
    await t.sync.applyEvents([{ type: 'DELETED', node: nodeFixture('ghost') }]);
    expect(t.repository.writes).toEqual([]);
  });

  it('reconciles a relist: new nodes added, changed ones modified, missing ones tombstoned, unchanged ones untouched', async () => {
    const t = await setup(storedOf([nodeFixture('keep'), nodeFixture('change'), nodeFixture('gone')], 10));
    await t.sync.replaceAll([nodeFixture('keep'), nodeFixture('change', { unschedulable: true }), nodeFixture('new')]);
    expect(t.applied).toEqual(['11:modified:change', '12:added:new', '13:deleted:gone']);
    expect(t.sync.lastSeq).toBe(13);
  });

  it('assigns consecutive seqs to several changes of one node in a batch', async () => {
    const t = await setup();
    await t.sync.applyEvents([
      { type: 'ADDED', node: nodeFixture('a') },
      { type: 'MODIFIED', node: nodeFixture('a', { labels: { v: '2' } }) },
      { type: 'DELETED', node: nodeFixture('a', { labels: { v: '2' } }) },
    ]);
    expect(t.applied).toEqual(['1:added:a', '2:modified:a', '3:deleted:a']);
  });

  it('writes a large relist in chunks, each fenced by the lease guard', async () => {
    const t = await setup();
    const nodes = Array.from({ length: WRITE_CHUNK * 2 + 1 }, (_, i) => nodeFixture(`n${i}`));
    await t.sync.replaceAll(nodes);
    expect(t.repository.writes.map((w) => w.length)).toEqual([WRITE_CHUNK, WRITE_CHUNK, 1]);
    expect(t.repository.guardCalls).toBe(3);
  });

  it('changes nothing in cache or sockets when the lease guard rejects the write', async () => {
    const t = await setup(undefined, async () => {
      throw new Error('lease informer:c1 is no longer held');
    });
    await expect(t.sync.applyEvents([{ type: 'ADDED', node: nodeFixture('a') }])).rejects.toThrow(/no longer held/);
    expect(t.applied).toEqual([]);
    expect(t.published).toEqual([]);
    expect(t.sync.lastSeq).toBe(0);
  });
});
