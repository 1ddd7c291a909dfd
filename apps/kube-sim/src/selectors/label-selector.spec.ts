import { matchesLabelSelector, parseLabelSelector, SelectorParseError } from './label-selector';
import { parseFieldSelector, matchesFieldSelector } from './field-selector';
import { NODES, PODS } from '../store/resource-definition';
import type { KubeObject } from '../api/types';

const labels = { env: 'prod', tier: 'web', 'topology.kubernetes.io/zone': 'eu-west-1a', gpu: '' };
const matches = (selector: string): boolean => matchesLabelSelector(parseLabelSelector(selector), labels);

describe('parseLabelSelector / matchesLabelSelector', () => {
  it('matches equality with =, == and !=', () => {
    expect([matches('env=prod'), matches('env==prod'), matches('env!=prod'), matches('env!=dev')]).toEqual([true, true, false, true]);
  });

  it('matches set-based in and notin with spaces', () => {
    expect([matches('tier in (web, api)'), matches('tier notin (web)'), matches('missing notin (a,b)')]).toEqual([true, false, true]);
  });

  it('matches existence and negated existence', () => {
    expect([matches('gpu'), matches('!gpu'), matches('!spot'), matches('spot')]).toEqual([true, false, true, false]);
  });

  it('requires every comma-separated requirement', () => {
    expect([matches('env=prod,tier=web,topology.kubernetes.io/zone=eu-west-1a'), matches('env=prod,tier=api')]).toEqual([true, false]);
  });

  it('treats an empty selector as selecting everything', () => {
    expect(parseLabelSelector('')).toEqual([]);
  });

  it('rejects an invalid key, a bad operator and an empty set', () => {
    for (const bad of ['-bad-=x', 'env===x', 'env in ()', 'env in (a', 'a,']) expect(() => parseLabelSelector(bad)).toThrow(SelectorParseError);
  });
});

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
