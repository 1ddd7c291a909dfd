import type { NodeChangedEvent, NodeFacets, NodeSummary } from '@knm/contracts';
import { applyNodeChange, rebaseOnFetch, type LivePage } from './live-node-page';

const node = (name: string, labels: Record<string, string> = {}, over: Partial<NodeSummary> = {}): NodeSummary =>
  ({ name, labels, taints: [], roles: [], readiness: 'Ready', unschedulable: false, nodeInfo: { kubeletVersion: 'v1.31.0' }, ...over }) as unknown as NodeSummary;

const page: LivePage = { items: [node('a'), node('b')], total: 5, seq: 10, facets: null };
const facets = (cordoned: number, ready = 5): NodeFacets => ({
  readiness: { Ready: ready, NotReady: 5 - ready, Unknown: 0 }, cordoned, roles: { worker: 5 }, zones: {}, kubeletVersions: { 'v1.31.0': 5 },
});
const unfiltered = { filtered: false };

const modified = (seq: number, name: string, labels: Record<string, string>): NodeChangedEvent => ({
  cluster: 'c1', seq, type: 'modified', name, node: node(name, labels),
});

describe('live node page', () => {
  it('replaces a modified node on the page in place and advances seq', () => {
    const { page: next, refetch } = applyNodeChange(page, modified(11, 'b', { env: 'prod' }), unfiltered);
    expect({ labels: next.items[1].labels, seq: next.seq, refetch }).toEqual({ labels: { env: 'prod' }, seq: 11, refetch: false });
  });

  it('drops an event whose seq the page already reflects', () => {
    const result = applyNodeChange(page, modified(10, 'a', { stale: 'yes' }), unfiltered);
    expect(result.page).toBe(page);
  });

  it('asks for a re-fetch and applies nothing on a seq gap', () => {
    const result = applyNodeChange(page, modified(12, 'a', { env: 'x' }), unfiltered);
    expect({ same: result.page === page, refetch: result.refetch }).toEqual({ same: true, refetch: true });
  });

  it('asks for a re-fetch when a node is added (its place on the page is unknown)', () => {
    const result = applyNodeChange(page, { cluster: 'c1', seq: 11, type: 'added', name: 'z', node: node('z') }, unfiltered);
    expect({ seq: result.page.seq, rows: result.page.items.length, refetch: result.refetch }).toEqual({ seq: 11, rows: 2, refetch: true });
  });

  it('removes a deleted node from the page and lowers the total', () => {
    const result = applyNodeChange(page, { cluster: 'c1', seq: 11, type: 'deleted', name: 'a' }, unfiltered);
    expect({ names: result.page.items.map((n) => n.name), total: result.page.total }).toEqual({ names: ['b'], total: 4 });
  });

  it('only advances seq for a change to a node on another page when nothing filters and no facets are shown', () => {
    const result = applyNodeChange(page, modified(11, 'q', { env: 'x' }), unfiltered);
    expect({ items: result.page.items, seq: result.page.seq, refetch: result.refetch }).toEqual({
      items: page.items, seq: 11, refetch: false,
    });
  });

  it('moves the facet counts when a node on the page is cordoned (kubectl cordon), without a re-fetch', () => {
    const withFacets: LivePage = { ...page, facets: facets(6) };
    const cordon: NodeChangedEvent = { cluster: 'c1', seq: 11, type: 'modified', name: 'a', node: node('a', {}, { unschedulable: true }) };
    const result = applyNodeChange(withFacets, cordon, unfiltered);
    expect({ cordoned: result.page.facets?.cordoned, refetch: result.refetch }).toEqual({ cordoned: 7, refetch: false });
  });

  it('moves readiness counts when a node on the page goes NotReady', () => {
    const result = applyNodeChange({ ...page, facets: facets(0) }, { cluster: 'c1', seq: 11, type: 'modified', name: 'b', node: node('b', {}, { readiness: 'NotReady' }) }, unfiltered);
    expect(result.page.facets?.readiness).toEqual({ Ready: 4, NotReady: 1, Unknown: 0 });
  });

  it('re-fetches when a node on another page changes while facets are shown (its old state is unknown)', () => {
    const result = applyNodeChange({ ...page, facets: facets(6) }, modified(11, 'q', { env: 'x' }), unfiltered);
    expect({ facets: result.page.facets, refetch: result.refetch }).toEqual({ facets: facets(6), refetch: true });
  });

  it('asks for a re-fetch for any change while a selector filters the list', () => {
    expect(applyNodeChange(page, modified(11, 'q', { env: 'x' }), { filtered: true }).refetch).toBe(true);
  });

  it('replays events buffered during a fetch in seq order, skipping those the answer reflects', () => {
    const buffered = [modified(13, 'a', { v: '13' }), modified(9, 'a', { v: '9' }), modified(11, 'a', { v: '11' }), modified(12, 'b', { v: '12' })];
    const fetched: LivePage = { ...page, seq: 10 };
    const result = rebaseOnFetch(fetched, buffered, unfiltered);
    expect({ a: result.page.items[0].labels, b: result.page.items[1].labels, seq: result.page.seq }).toEqual({
      a: { v: '13' }, b: { v: '12' }, seq: 13,
    });
  });
});
