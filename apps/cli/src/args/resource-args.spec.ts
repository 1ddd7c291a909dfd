import { errorOf } from '../testing/test-context';
import { nodeNames, requireTargets } from './resource-args';


describe('node arguments', () => {
  it("accepts kubectl's resource type first (nodes, node, no) and node/NAME", () => {
    expect(nodeNames(['nodes', 'n1', 'node/n2'], false)).toEqual(['n1', 'n2']);
    expect(nodeNames(['no', 'n1'], false)).toEqual(['n1']);
    expect(nodeNames(['nodes'], true)).toEqual([]);
  });

  it('a lone "nodes" without a selector is a node named nodes', () => {
    expect(nodeNames(['nodes'], false)).toEqual(['nodes']);
  });

  it('requires exactly one of names or a selector', () => {
    expect(requireTargets(['n1'], undefined)).toEqual({ nodes: ['n1'] });
    expect(requireTargets([], 'a=b')).toEqual({ selector: 'a=b' });
    expect(errorOf(() => requireTargets(['n1'], 'a=b')).message).toBe('name nodes or give a label selector (-l), not both');
    expect(errorOf(() => requireTargets([], undefined)).message).toBe('at least one node name or a label selector (-l) is required');
    expect(errorOf(() => requireTargets([], ' ')).message).toBe('-l/--selector must not be empty');
    expect(errorOf(() => requireTargets(['n1', 'n1'], undefined)).message).toBe('node n1 is named twice');
  });
});
