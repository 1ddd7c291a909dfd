import type { NodeFacets, NodeSummary } from '@knm/contracts';
import { facetsAfterChange } from './node-facets-delta';

const node = (over: Partial<NodeSummary>): NodeSummary =>
  ({
    name: 'n', labels: {}, roles: ['worker'], readiness: 'Ready', unschedulable: false, taints: [],
    nodeInfo: { kubeletVersion: 'v1.31.0' }, ...over,
  }) as unknown as NodeSummary;

const facets: NodeFacets = {
  readiness: { Ready: 3, NotReady: 1, Unknown: 0 },
  cordoned: 1,
  roles: { worker: 3, 'control-plane': 1 },
  zones: { a: 2, b: 2 },
  kubeletVersions: { 'v1.31.0': 4 },
};

describe('facet counts after a node change', () => {
  it('counts a node out of its old buckets and into its new ones, as the API counts them', () => {
    const before = node({ labels: { 'topology.kubernetes.io/zone': 'a' } });
    const after = node({
      labels: { 'topology.kubernetes.io/zone': 'b' }, readiness: 'NotReady', unschedulable: true, roles: ['gpu'],
      nodeInfo: { kubeletVersion: 'v1.32.0' } as NodeSummary['nodeInfo'],
    });
    expect(facetsAfterChange(facets, before, after)).toEqual({
      readiness: { Ready: 2, NotReady: 2, Unknown: 0 },
      cordoned: 2,
      roles: { worker: 2, 'control-plane': 1, gpu: 1 },
      zones: { a: 1, b: 3 },
      kubeletVersions: { 'v1.31.0': 3, 'v1.32.0': 1 },
    });
  });

  it('drops a bucket that reaches zero (the API leaves empty buckets out)', () => {
    const cp = node({ roles: ['control-plane'] });
    expect(facetsAfterChange(facets, cp, undefined).roles).toEqual({ worker: 3 });
  });

  it('leaves the given counts untouched', () => {
    const copy = JSON.parse(JSON.stringify(facets)) as NodeFacets;
    facetsAfterChange(facets, node({}), node({ unschedulable: true }));
    expect(facets).toEqual(copy);
  });
});
