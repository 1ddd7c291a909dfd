import { ClusterHealthRegistry, ClusterHealthSource } from './cluster-health';
import { MetricsRegistry } from './metrics.registry';

describe('MetricsRegistry', () => {
  it('returns the same counter when a metric name is registered twice', async () => {
    const metrics = new MetricsRegistry();
    const a = metrics.counter({ name: 'knm_test_total', help: 'test' });
    const b = metrics.counter({ name: 'knm_test_total', help: 'test' });
    a.inc();
    b.inc();
    expect(a).toBe(b);
    expect((await metrics.exposition()).body).toContain('knm_test_total 2');
  });
});

describe('ClusterHealthRegistry', () => {
  it('merges every registered source sorted by cluster and forgets an unregistered one', () => {
    const registry = new ClusterHealthRegistry();
    const source = (names: string[]): ClusterHealthSource => ({
      clusterHealth: () => names.map((cluster) => ({ cluster, role: 'follower', cacheSeq: 0, synced: true })),
    });
    registry.register(source(['b']));
    const off = registry.register(source(['a', 'c']));
    expect(registry.snapshot().map((c) => c.cluster)).toEqual(['a', 'b', 'c']);
    off();
    expect(registry.snapshot().map((c) => c.cluster)).toEqual(['b']);
  });
});
