import { drainText } from './drain-text';

describe('drain eligibility text', () => {
  it('says why drain never evicts a DaemonSet pod or a mirror pod', () => {
    expect([
      drainText({ evictable: false, skipReason: 'DaemonSet', requires: [] }),
      drainText({ evictable: false, skipReason: 'MirrorPod', requires: [] }),
    ]).toEqual([
      'Not evicted: DaemonSet pod (drain ignores DaemonSet pods)',
      'Not evicted: mirror pod of a static pod (managed by the kubelet)',
    ]);
  });

  it('names the flags a pod needs before drain evicts it', () => {
    expect(drainText({ evictable: true, skipReason: null, requires: ['delete-emptydir-data', 'force'] })).toBe(
      'Evicted only with --delete-emptydir-data (its emptyDir data is lost) and --force (no controller would recreate it)',
    );
  });

  it('says a controlled pod without local data is evicted', () => {
    expect(drainText({ evictable: true, skipReason: null, requires: [] })).toBe('Evicted');
  });
});
