import { parseFieldSelector, matchesFieldSelector } from './field-selector';
import { NODES, PODS } from '../store/resource-definition';
import type { KubeObject } from '../api/types';

describe('parseFieldSelector', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '1', creationTimestamp: '' }, spec: { nodeName: 'node-a' }, status: { phase: 'Running' } } as KubeObject;

  it('matches spec.nodeName and status.phase on pods', () => {
    const reqs = parseFieldSelector('spec.nodeName=node-a,status.phase!=Succeeded', PODS.fields);
    expect(matchesFieldSelector(reqs, PODS.fields, pod)).toBe(true);
  });

  it('rejects a field the resource does not support', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', NODES.fields)).toThrow('field label not supported: spec.nodeName');
  });
});
