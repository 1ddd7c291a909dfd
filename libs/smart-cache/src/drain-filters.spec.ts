import type { V1Pod } from '@kubernetes/client-node';
import { drainEligibility, toPodSummary } from './drain-filters';

const owner = (kind: string) => ({ apiVersion: 'apps/v1', kind, name: `${kind.toLowerCase()}-1`, uid: 'u', controller: true });
const pod = (p: { owner?: string; phase?: string; emptyDir?: boolean; mirror?: boolean }): V1Pod => ({
  metadata: {
    name: 'p',
    namespace: 'ns',
    ownerReferences: p.owner ? [owner(p.owner)] : undefined,
    annotations: p.mirror ? { 'kubernetes.io/config.mirror': 'abc' } : undefined,
  },
  spec: { containers: [], volumes: p.emptyDir ? [{ name: 'scratch', emptyDir: {} }] : [] },
  status: { phase: p.phase ?? 'Running' },
});

describe('drainEligibility (kubectl pkg/drain/filters.go)', () => {
  it('evicts a pod managed by a ReplicaSet without flags', () => {
    expect(drainEligibility(pod({ owner: 'ReplicaSet' }))).toEqual({ evictable: true, skipReason: null, requires: [] });
  });

  it('never evicts a running DaemonSet pod', () => {
    expect(drainEligibility(pod({ owner: 'DaemonSet', emptyDir: true }))).toEqual({ evictable: false, skipReason: 'DaemonSet', requires: [] });
  });

  it('lets a finished DaemonSet pod go', () => {
    expect(drainEligibility(pod({ owner: 'DaemonSet', phase: 'Succeeded' })).evictable).toBe(true);
  });

  it('skips a mirror pod', () => {
    expect(drainEligibility(pod({ mirror: true }))).toEqual({ evictable: false, skipReason: 'MirrorPod', requires: [] });
  });

  it('requires delete-emptydir-data for a pod with an emptyDir volume', () => {
    expect(drainEligibility(pod({ owner: 'StatefulSet', emptyDir: true })).requires).toEqual(['delete-emptydir-data']);
  });

  it('requires force for a pod without a controller', () => {
    expect(drainEligibility(pod({})).requires).toEqual(['force']);
  });

  it('lists both requirements for an unmanaged pod with emptyDir', () => {
    expect(drainEligibility(pod({ emptyDir: true })).requires).toEqual(['delete-emptydir-data', 'force']);
  });

  it.each(['Succeeded', 'Failed'])('needs no flags for a %s unmanaged pod with emptyDir', (phase) => {
    expect(drainEligibility(pod({ emptyDir: true, phase }))).toEqual({ evictable: true, skipReason: null, requires: [] });
  });
});

describe('toPodSummary', () => {
  it('names the controlling owner and phase', () => {
    expect(toPodSummary(pod({ owner: 'Job', phase: 'Failed' }))).toMatchObject({ namespace: 'ns', name: 'p', phase: 'Failed', ownerKind: 'Job', ownerName: 'job-1' });
  });
});
