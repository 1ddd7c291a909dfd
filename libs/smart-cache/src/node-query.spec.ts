import { ErrorCode, NodeSummary } from '@knm/contracts';
import { ValidationError } from '@knm/common';
import { InvalidSelectorError } from './node-selector';
import { queryNodes, selectNodes, ZONE_LABEL } from './node-query';
import { NodeStore } from './node-store';
import { nodeFixture } from './testing/node-fixture';

function storeOf(nodes: NodeSummary[]): NodeStore {
  const store = new NodeStore();
  nodes.forEach((n) => store.upsert(n));
  return store;
}

const names = (nodes: NodeSummary[]) => nodes.map((n) => n.name);

const fleet = (): NodeSummary[] => [
  nodeFixture('node-c', { labels: { env: 'prod', [ZONE_LABEL]: 'a', 'node-role.kubernetes.io/worker': '' }, roles: ['worker'], creationTimestamp: '2026-01-03T00:00:00Z' }),
  nodeFixture('node-a', { labels: { env: 'prod', [ZONE_LABEL]: 'b' }, readiness: 'NotReady', creationTimestamp: '2026-01-01T00:00:00Z' }),
  nodeFixture('node-b', { labels: { env: 'dev', [ZONE_LABEL]: 'a' }, unschedulable: true, creationTimestamp: '2026-01-02T00:00:00Z' }),
  nodeFixture('cp-1', {
    labels: { 'node-role.kubernetes.io/control-plane': '' },
    roles: ['control-plane'],
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    readiness: 'Unknown',
    creationTimestamp: '2025-12-01T00:00:00Z',
    nodeInfo: { ...nodeFixture('x').nodeInfo, kubeletVersion: 'v1.30.0' },
  }),
];

describe('selectNodes', () => {
  it('sorts by name ascending by default', () => {
    expect(names(selectNodes(storeOf(fleet()), {}))).toEqual(['cp-1', 'node-a', 'node-b', 'node-c']);
  });

  it('sorts by name descending with order=desc', () => {
    expect(names(selectNodes(storeOf(fleet()), { order: 'desc' }))).toEqual(['node-c', 'node-b', 'node-a', 'cp-1']);
  });

  it('sorts by age youngest first', () => {
    expect(names(selectNodes(storeOf(fleet()), { sort: 'age' }))).toEqual(['node-c', 'node-b', 'node-a', 'cp-1']);
  });

  it('sorts by status: Ready, Ready+cordoned, NotReady, Unknown', () => {
    expect(names(selectNodes(storeOf(fleet()), { sort: 'status' }))).toEqual(['node-c', 'node-b', 'node-a', 'cp-1']);
  });

  it('filters by label selector', () => {
    expect(names(selectNodes(storeOf(fleet()), { selector: 'env=prod' }))).toEqual(['node-a', 'node-c']);
  });

  it('filters by a selector that cannot use the index (notin matches nodes without the key)', () => {
    expect(names(selectNodes(storeOf(fleet()), { selector: 'env notin (prod)' }))).toEqual(['cp-1', 'node-b']);
  });

  it('filters by name substring case-insensitively', () => {
    expect(names(selectNodes(storeOf(fleet()), { q: 'NODE-' }))).toEqual(['node-a', 'node-b', 'node-c']);
  });

  it('filters by readiness', () => {
    expect(names(selectNodes(storeOf(fleet()), { readiness: 'NotReady' }))).toEqual(['node-a']);
  });

  it('filters cordoned=true and cordoned=false', () => {
    const store = storeOf(fleet());
    expect(names(selectNodes(store, { cordoned: true }))).toEqual(['node-b']);
    expect(names(selectNodes(store, { cordoned: false }))).toEqual(['cp-1', 'node-a', 'node-c']);
  });

  it('filters by role', () => {
    expect(names(selectNodes(storeOf(fleet()), { role: 'control-plane' }))).toEqual(['cp-1']);
  });

  it('filters by taint key, and by key:Effect', () => {
    const store = storeOf(fleet());
    expect(names(selectNodes(store, { taint: 'node-role.kubernetes.io/control-plane' }))).toEqual(['cp-1']);
    expect(names(selectNodes(store, { taint: 'node-role.kubernetes.io/control-plane:NoExecute' }))).toEqual([]);
  });

  it('combines every filter with AND', () => {
    expect(names(selectNodes(storeOf(fleet()), { selector: 'env', readiness: 'Ready', cordoned: false }))).toEqual(['node-c']);
  });

  it('reflects a relabelled node in index-backed selector queries', () => {
    const store = storeOf(fleet());
    store.upsert(nodeFixture('node-a', { labels: { env: 'dev' } }));
    expect(names(selectNodes(store, { selector: 'env=prod' }))).toEqual(['node-c']);
    expect(names(selectNodes(store, { selector: 'env=dev' }))).toEqual(['node-a', 'node-b']);
  });

  it('forgets a removed node', () => {
    const store = storeOf(fleet());
    store.remove('node-c');
    expect(names(selectNodes(store, { selector: 'env=prod' }))).toEqual(['node-a']);
  });

  it('rejects a bad selector with INVALID_SELECTOR', () => {
    expect(() => selectNodes(storeOf(fleet()), { selector: 'env in' })).toThrow(InvalidSelectorError);
  });

  it('rejects a taint filter with an unknown effect, naming the field', () => {
    try {
      selectNodes(storeOf(fleet()), { taint: 'dedicated:Sometimes' });
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).code).toBe(ErrorCode.ValidationFailed);
      expect((err as ValidationError).violations[0]).toEqual({ field: 'taint', rule: expect.stringMatching(/effect must be one of/) });
    }
  });
});

describe('queryNodes', () => {
  it('returns the requested page and the total before paging', () => {
    const many = Array.from({ length: 25 }, (_, i) => nodeFixture(`n-${String(i).padStart(2, '0')}`));
    const res = queryNodes(storeOf(many), { page: 3, limit: 10 });
    expect(names(res.items)).toEqual(['n-20', 'n-21', 'n-22', 'n-23', 'n-24']);
    expect(res).toMatchObject({ total: 25, page: 3, limit: 10 });
  });

  it('returns an empty page past the end', () => {
    expect(queryNodes(storeOf(fleet()), { page: 9, limit: 10 }).items).toEqual([]);
  });

  it('computes facets over the filtered set, not the page', () => {
    const res = queryNodes(storeOf(fleet()), { cordoned: false, limit: 1 });
    expect(res.items).toHaveLength(1);
    expect(res.facets).toEqual({
      readiness: { Ready: 1, NotReady: 1, Unknown: 1 },
      cordoned: 0,
      roles: { worker: 1, 'control-plane': 1 },
      zones: { a: 1, b: 1 },
      kubeletVersions: { 'v1.31.2': 2, 'v1.30.0': 1 },
    });
  });

  it('counts a zone or role named like an Object.prototype property as any other', () => {
    const nodes = [
      nodeFixture('n1', { labels: { [ZONE_LABEL]: 'constructor' }, roles: ['toString'] }),
      nodeFixture('n2', { labels: { [ZONE_LABEL]: 'constructor' } }),
    ];
    const facets = queryNodes(storeOf(nodes), {}).facets!;
    expect({ ...facets.zones }).toEqual({ constructor: 2 });
    expect({ ...facets.roles }).toEqual({ toString: 1 });
  });

  it('reports the store seq', () => {
    const store = storeOf(fleet());
    store.seq = 42;
    expect(queryNodes(store, {}).seq).toBe(42);
  });
});
