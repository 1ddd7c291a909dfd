import type { NodeSummary } from '@knm/contracts';
import { FakeNodeApi } from '../testing/fake-node-api';
import { CORDON_ANNOTATIONS, CordonOperation, cordonPatch } from './cordon.operation';
import { LabelOperation, labelPatch } from './label.operation';
import type { NodeOperationContext } from './node-operation';
import { planTaints, TaintOperation } from './taint.operation';
import { UncordonOperation } from './uncordon.operation';

const now = new Date('2026-11-21T10:00:00Z');
const ctx = (api: FakeNodeApi, node = 'n1', extra: Partial<NodeOperationContext> = {}): NodeOperationContext => ({
  api, node, dryRun: false, cached: undefined, actor: 'alice', now, ...extra,
});

describe('label operation', () => {
  it('builds one merge patch: values set, removed keys null', () => {
    expect(labelPatch({ set: { a: '1' }, remove: ['b'] })).toEqual({ metadata: { labels: { b: null, a: '1' } } });
  });

  it('writes and reads label keys named like Object.prototype properties as ordinary keys', async () => {
    expect(JSON.stringify(labelPatch({ remove: ['constructor'], set: { toString: 'x' } }))).toBe('{"metadata":{"labels":{"constructor":null,"toString":"x"}}}');
    const api = new FakeNodeApi();
    api.addNode('n1', {}, { constructor: 'old' });
    const change = await new LabelOperation().applyToNode(ctx(api, 'n1'), { remove: ['constructor'], set: { hasOwnProperty: 'y' } });
    expect(api.node('n1')!.metadata!.labels).toEqual({ hasOwnProperty: 'y' });
    expect(JSON.parse(JSON.stringify(change))).toEqual({ before: { constructor: null, hasOwnProperty: null }, after: { constructor: null, hasOwnProperty: 'y' } });
  });

  it('sets and removes labels, keeps other labels, reports before (cache) and after (server)', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1', {}, { keep: 'x', b: 'old' });
    const cached = { labels: { keep: 'x', b: 'old' } } as unknown as NodeSummary;
    const change = await new LabelOperation().applyToNode(ctx(api, 'n1', { cached }), { set: { a: '1' }, remove: ['b'] });
    expect(api.node('n1')!.metadata!.labels).toEqual({ keep: 'x', a: '1' });
    expect(change).toEqual({ before: { a: null, b: 'old' }, after: { a: '1', b: null } });
  });

  it('is idempotent: applying twice leaves the same labels', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1');
    const op = new LabelOperation();
    await op.applyToNode(ctx(api), { set: { a: '1' } });
    const once = structuredClone(api.node('n1')!.metadata!.labels);
    await op.applyToNode(ctx(api), { set: { a: '1' } });
    expect(api.node('n1')!.metadata!.labels).toEqual(once);
  });

  it('dry run reports the change and stores nothing', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1');
    const change = await new LabelOperation().applyToNode(ctx(api, 'n1', { dryRun: true }), { set: { a: '1' } });
    expect(change.after).toEqual({ a: '1' });
    expect(api.node('n1')!.metadata!.labels).toEqual({});
    expect(api.calls[0].dryRun).toBe(true);
  });
});

describe('taint operation', () => {
  const gpu = { key: 'gpu', value: 'a100', effect: 'NoSchedule' as const };

  it('plans: removals by key or key+effect, additions replace same key+effect, others kept in order', () => {
    const current = [{ key: 'x', effect: 'NoSchedule' as const }, { key: 'gpu', value: 'old', effect: 'NoSchedule' as const }, { key: 'x', effect: 'NoExecute' as const, timeAdded: '2026-01-01T00:00:00Z' }];
    expect(planTaints(current, { add: [gpu], remove: [{ key: 'x', effect: 'NoSchedule' }] }).next).toEqual([
      gpu,
      { key: 'x', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('plans no change when the taint is already there with the same value', () => {
    expect(planTaints([gpu], { add: [gpu] }).changed).toBe(false);
  });

  it('patches the whole list with a resourceVersion precondition', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1', { taints: [{ key: 'keep', effect: 'PreferNoSchedule' }] });
    await new TaintOperation().applyToNode(ctx(api), { add: [gpu] });
    const patch = api.calls.find((c) => c.op === 'patch')!.patch as { metadata: { resourceVersion: string }; spec: { taints: unknown[] } };
    expect(patch.metadata.resourceVersion).toBe('1');
    expect(api.node('n1')!.spec!.taints).toEqual([{ key: 'keep', effect: 'PreferNoSchedule' }, gpu]);
  });

  it('keeps a taint the node controller adds between our read and our write (409, re-read, retry)', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1', { taints: [] });
    const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: new Date('2026-11-21T09:59:00Z') };
    api.beforePatch = () => {
      api.beforePatch = null;
      api.modify('n1', (n) => (n.spec!.taints = [unreachable]));
    };
    const op = new TaintOperation();
    await expect(op.applyToNode(ctx(api), { add: [gpu] })).rejects.toMatchObject({ code: 409 });
    await op.applyToNode(ctx(api), { add: [gpu] });
    const keys = api.node('n1')!.spec!.taints!.map((t) => t.key);
    expect(keys).toEqual(['node.kubernetes.io/unreachable', 'gpu']);
  });

  it('is idempotent: a second run makes no patch', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1');
    const op = new TaintOperation();
    await op.applyToNode(ctx(api), { add: [gpu] });
    const patches = api.calls.filter((c) => c.op === 'patch').length;
    const change = await op.applyToNode(ctx(api), { add: [gpu] });
    expect(api.calls.filter((c) => c.op === 'patch').length).toBe(patches);
    expect(change).toEqual({ before: [gpu], after: [gpu] });
  });
});

describe('cordon and uncordon', () => {
  it('cordons with reason, actor and time annotations', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1');
    const change = await new CordonOperation().applyToNode(ctx(api), { reason: 'kernel upgrade' });
    const n = api.node('n1')!;
    expect(n.spec!.unschedulable).toBe(true);
    expect(n.metadata!.annotations).toEqual({
      [CORDON_ANNOTATIONS.reason]: 'kernel upgrade', [CORDON_ANNOTATIONS.by]: 'alice', [CORDON_ANNOTATIONS.at]: now.toISOString(),
    });
    expect(change.before).toEqual({ unschedulable: false, annotations: {} });
  });

  it('cordoning again with the same reason changes nothing (first cordoned-at kept)', () => {
    const state = { unschedulable: true, annotations: { [CORDON_ANNOTATIONS.reason]: 'r', [CORDON_ANNOTATIONS.by]: 'bob', [CORDON_ANNOTATIONS.at]: 'then' } };
    expect(cordonPatch(state, '5', 'r', 'alice', now)).toBeNull();
  });

  it('uncordons and removes only our annotations', async () => {
    const api = new FakeNodeApi();
    api.addNode('n1');
    await new CordonOperation().applyToNode(ctx(api), { reason: 'r' });
    api.modify('n1', (n) => (n.metadata!.annotations!['other'] = 'keep'));
    await new UncordonOperation().applyToNode(ctx(api));
    expect(api.node('n1')!.spec!.unschedulable).toBe(false);
    expect(api.node('n1')!.metadata!.annotations).toEqual({ other: 'keep' });
    const patches = () => api.calls.filter((c) => c.op === 'patch').length;
    const before = patches();
    await new UncordonOperation().applyToNode(ctx(api));
    expect(patches()).toBe(before);
  });
});
