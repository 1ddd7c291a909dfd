import type { ClusterEvents, ClusterService } from '@knm/cluster';
import type { Labels, NodeSummary } from '@knm/contracts';
import { LABEL_SELECTOR_CASES } from '@knm/contracts/testing';
import type { ClusterNodeEntity } from '@knm/persistence';
import { selectNodes } from './node-query';
import { InvalidSelectorError } from './node-selector';
import type { NodePodsReader } from './node-pods.reader';
import { NodeStore } from './node-store';
import { SmartCacheService } from './smart-cache.service';
import type { SmartCacheRepository } from './smart-cache.repository';
import { nodeFixture } from './testing/node-fixture';

/** One node per label set of a case, named by its index; labels exactly as given. */
function nodesFor(labelSets: readonly Labels[]): NodeSummary[] {
  return labelSets.map((labels, i) => nodeFixture(`node-${i}`, { labels: { ...labels } }));
}

/** The real cache service over a fake table (its I/O boundary) holding `nodes`. */
async function cacheWith(nodes: NodeSummary[]): Promise<SmartCacheService> {
  const rows = nodes.map((summary, i) => ({ cluster: 'c1', name: summary.name, summary, seq: i + 1, deleted: false }) as ClusterNodeEntity);
  const repository = { allRows: async () => rows, rowsAfter: async () => [] } as unknown as SmartCacheRepository;
  const cache = new SmartCacheService(repository, {} as ClusterService, { on: () => () => undefined } as unknown as ClusterEvents, {} as NodePodsReader);
  await cache.loadFromTable('c1');
  return cache;
}

const expectedNames = (c: (typeof LABEL_SELECTOR_CASES)[number]): string[] =>
  (c.matches ?? []).flatMap(([, match], i) => (match ? [`node-${i}`] : [])).sort();

/**
 * The apimachinery conformance table (libs/contracts/src/testing) through smart-cache's two
 * selector paths: the node list query (label index + matcher) and NodeIndex.select (batch targets).
 */
describe('smart-cache selects nodes as apimachinery matches labels', () => {
  const cases = LABEL_SELECTOR_CASES.map((c) => [c.from, JSON.stringify(c.selector), c] as const);

  it.each(cases)('%s %s: node list query', (_from, _name, c) => {
    const store = new NodeStore();
    nodesFor((c.matches ?? []).map(([labels]) => labels)).forEach((n) => store.upsert(n));
    const run = () => selectNodes(store, { selector: c.selector }).map((n) => n.name);
    if (c.canonical === null) expect(run).toThrow(InvalidSelectorError);
    else expect(run()).toEqual(expectedNames(c));
  });

  it.each(cases)('%s %s: task target selection', async (_from, _name, c) => {
    const cache = await cacheWith(nodesFor((c.matches ?? []).map(([labels]) => labels)));
    const run = () => cache.select('c1', c.selector);
    if (c.canonical === null) expect(run).toThrow(InvalidSelectorError);
    else expect(run()).toEqual(expectedNames(c));
  });
});

describe('InvalidSelectorError', () => {
  it('is 400 INVALID_SELECTOR with the selector, position and problem in details', () => {
    const store = new NodeStore();
    expect(() => selectNodes(store, { selector: 'env in (a' })).toThrow(
      expect.objectContaining({ code: 'INVALID_SELECTOR', details: { selector: 'env in (a', position: 9, problem: "found '', expected: ',' or ')'" } }),
    );
  });
});
