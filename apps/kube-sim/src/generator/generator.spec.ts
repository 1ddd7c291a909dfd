import { generateNodes } from './node-generator';
import { generateWorkloads } from './workload-generator';

const now = new Date('2026-01-01T00:00:00Z');

describe('generateNodes', () => {
  it('is deterministic for the same seed', () => {
    expect(generateNodes({ count: 40, seed: 'abc', now })).toEqual(generateNodes({ count: 40, seed: 'abc', now }));
  });

  it('differs between seeds', () => {
    expect(generateNodes({ count: 5, seed: 1, now })[3].metadata.name).not.toBe(generateNodes({ count: 5, seed: 2, now })[3].metadata.name);
  });

  it('makes 3 control-plane nodes tainted NoSchedule', () => {
    const cps = generateNodes({ count: 50, seed: 1, now }).filter((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}));
    expect(cps.map((n) => n.spec.taints)).toEqual(Array(3).fill([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]));
  });

  it('gives cordoned nodes the unschedulable taint and unhealthy nodes their lifecycle taints', () => {
    const nodes = generateNodes({ count: 200, seed: 3, now });
    const keys = (n: (typeof nodes)[number]): string[] => (n.spec.taints ?? []).map((t) => t.key);
    expect(nodes.filter((n) => n.spec.unschedulable).every((n) => keys(n).includes('node.kubernetes.io/unschedulable'))).toBe(true);
    const notReady = nodes.filter((n) => n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'False'));
    expect(notReady.length).toBeGreaterThan(0);
    expect(notReady.every((n) => keys(n).includes('node.kubernetes.io/not-ready'))).toBe(true);
  });

  it('gives every node unique names', () => {
    const names = generateNodes({ count: 2000, seed: 9, now }).map((n) => n.metadata.name);
    expect(new Set(names).size).toBe(2000);
  });
});

describe('generateWorkloads', () => {
  const nodes = generateNodes({ count: 30, seed: 5, now });

  it('is deterministic for the same seed', () => {
    expect(generateWorkloads(5, nodes, 10, now)).toEqual(generateWorkloads(5, nodes, 10, now));
  });

  it('puts one pod of each DaemonSet on every node', () => {
    const w = generateWorkloads(5, nodes, 10, now);
    for (const ds of w.daemonSets) {
      const owned = w.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === ds.metadata.uid);
      expect(new Set(owned.map((p) => p.spec.nodeName)).size).toBe(nodes.length);
    }
  });

  it('adds mirror pods only on control-plane nodes', () => {
    const w = generateWorkloads(5, nodes, 10, now);
    const mirrors = w.pods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
    const cpNames = new Set(nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})).map((n) => n.metadata.name));
    expect(mirrors.length).toBe(12);
    expect(mirrors.every((p) => cpNames.has(p.spec.nodeName as string))).toBe(true);
  });

  it('generates about podsPerNode pods per node', () => {
    const w = generateWorkloads(5, nodes, 10, now);
    expect(w.pods.length).toBeGreaterThanOrEqual(280);
    expect(w.pods.length).toBeLessThanOrEqual(320);
  });
});
