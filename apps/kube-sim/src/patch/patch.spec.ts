import { applyMergePatch } from './merge-patch';
import { applyStrategicMergePatch, NODE_MERGE_SCHEMA, POD_MERGE_SCHEMA } from './strategic-merge-patch';
import { applyJsonPatch } from './json-patch';
import { ApiError } from '../api/status';
import type { JsonValue } from '../api/types';

const node: JsonValue = {
  metadata: { name: 'n1', resourceVersion: '7', labels: { a: '1', b: '2' } },
  spec: { unschedulable: true, taints: [{ key: 'x', effect: 'NoSchedule' }, { key: 'y', effect: 'NoExecute' }] },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'DiskPressure', status: 'False' }] },
};

describe('applyMergePatch', () => {
  it('merges maps, deletes keys set to null and replaces lists', () => {
    const out = applyMergePatch(node, { metadata: { labels: { a: null, c: '3' } }, spec: { taints: [{ key: 'z', effect: 'NoSchedule' }] } }) as { metadata: { labels: Record<string, string> } };
    expect(out).toMatchObject({ metadata: { labels: { b: '2', c: '3' } }, spec: { taints: [{ key: 'z', effect: 'NoSchedule' }] } });
    expect(out.metadata.labels).not.toHaveProperty('a');
  });

  it('does not mutate the target', () => {
    const before = JSON.stringify(node);
    applyMergePatch(node, { metadata: { labels: { a: null } } });
    expect(JSON.stringify(node)).toBe(before);
  });
});

describe('applyStrategicMergePatch', () => {
  it('replaces spec.taints as a whole (listType=atomic)', () => {
    const out = applyStrategicMergePatch(node, { spec: { taints: [{ key: 'only', effect: 'NoSchedule' }] } }, NODE_MERGE_SCHEMA) as { spec: { taints: unknown[] } };
    expect(out.spec.taints).toEqual([{ key: 'only', effect: 'NoSchedule' }]);
  });

  it('merges status.conditions by type', () => {
    const out = applyStrategicMergePatch(node, { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, NODE_MERGE_SCHEMA) as { status: { conditions: unknown[] } };
    expect(out.status.conditions).toEqual([{ type: 'Ready', status: 'False' }, { type: 'DiskPressure', status: 'False' }]);
  });

  it('removes unschedulable when uncordon sends null', () => {
    const out = applyStrategicMergePatch(node, { spec: { unschedulable: null } }, NODE_MERGE_SCHEMA) as { spec: Record<string, unknown> };
    expect(out.spec).not.toHaveProperty('unschedulable');
  });

  it('honours $patch: delete in a merged list and ignores $setElementOrder', () => {
    const pod: JsonValue = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    const out = applyStrategicMergePatch(pod, { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b', $patch: 'delete' }] } }, POD_MERGE_SCHEMA) as { spec: Record<string, unknown> };
    expect(out.spec).toEqual({ containers: [{ name: 'a', image: 'x' }] });
  });

  it('keeps only $retainKeys keys of a map', () => {
    const out = applyStrategicMergePatch({ spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, POD_MERGE_SCHEMA);
    expect(out).toEqual({ spec: { strategy: { type: 'Recreate' } } });
  });
});

describe('applyJsonPatch', () => {
  it('applies operations when the test op holds', () => {
    const out = applyJsonPatch(node, [{ op: 'test', path: '/metadata/resourceVersion', value: '7' }, { op: 'replace', path: '/spec/unschedulable', value: false }]) as { spec: { unschedulable: boolean } };
    expect(out.spec.unschedulable).toBe(false);
  });

  it('answers 422 Invalid when a test op fails', () => {
    let error: unknown;
    try {
      applyJsonPatch(node, [{ op: 'test', path: '/metadata/resourceVersion', value: '6' }]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toStatus()).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('answers 400 for a body that is not a list of operations', () => {
    expect(() => applyJsonPatch(node, { op: 'add' })).toThrow(expect.objectContaining({ code: 400 }));
  });
});
