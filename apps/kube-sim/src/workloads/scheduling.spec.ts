import type { Pod } from '../api/types';
import { generateNodes } from '../generator/node-generator';
import { fitsNode, pickNode } from './scheduling';

const nodes = generateNodes({ count: 30, seed: 'sched', now: new Date('2026-01-01T00:00:00Z') });
const pod = { spec: { containers: [], tolerations: [] } } as unknown as Pod;

describe('pickNode', () => {
  it('depends on the pod key and the fitting nodes only, not on their order', () => {
    const forward = pickNode(pod, 'uid-1', nodes)?.metadata.name;
    expect(pickNode(pod, 'uid-1', [...nodes].reverse())?.metadata.name).toBe(forward);
  });

  it('spreads different pods over several nodes', () => {
    const chosen = new Set(Array.from({ length: 50 }, (_, i) => pickNode(pod, `uid-${i}`, nodes)?.metadata.name));
    expect(chosen.size).toBeGreaterThan(5);
  });

  it('never picks a node the pod does not fit or the excluded one', () => {
    for (let i = 0; i < 50; i++) {
      const choice = pickNode(pod, `uid-${i}`, nodes, nodes[5].metadata.name);
      expect(choice && fitsNode(pod, choice) && choice.metadata.name !== nodes[5].metadata.name).toBe(true);
    }
  });

  it('returns undefined when nothing fits', () => {
    expect(pickNode(pod, 'uid', nodes.map((n) => ({ ...n, spec: { ...n.spec, unschedulable: true } })))).toBeUndefined();
  });
});
