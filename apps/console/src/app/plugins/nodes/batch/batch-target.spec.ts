import type { NodeSummary } from '@knm/contracts';
import { batchTarget, targetCount } from './batch-target';

const node = (name: string) => ({ name }) as NodeSummary;

describe('batch target', () => {
  it('submits the selected node names', () => {
    const ctx = { cluster: 'c', nodes: [node('a'), node('b')] };
    expect({ target: batchTarget(ctx), count: targetCount(ctx) }).toEqual({ target: { nodes: ['a', 'b'] }, count: 2 });
  });

  it('submits the selector instead of names for "all matching", with the count seen', () => {
    const ctx = { cluster: 'c', nodes: [], matching: { selector: 'env=prod', count: 40 } };
    expect({ target: batchTarget(ctx), count: targetCount(ctx) }).toEqual({ target: { selector: 'env=prod' }, count: 40 });
  });
});
