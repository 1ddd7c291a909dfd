import type { PodDrainEligibility } from '@knm/contracts';
import { textOf } from '../../../testing/console-testing';
import { drainOutcome, drainText } from './drain-text';

const pod = (over: Partial<PodDrainEligibility>): PodDrainEligibility => ({ evictable: true, skipReason: null, requires: [], ...over });

describe('drain eligibility text', () => {
  it('says what a drain WOULD do, never that a pod was evicted (the node may not be draining at all)', () => {
    const all = [
      pod({}),
      pod({ requires: ['force'] }),
      pod({ requires: ['delete-emptydir-data'] }),
      pod({ requires: ['delete-emptydir-data', 'force'] }),
      pod({ evictable: false, skipReason: 'DaemonSet' }),
      pod({ evictable: false, skipReason: 'MirrorPod' }),
    ].map((p) => textOf(drainText(p)));
    expect(all.filter((t) => /^evicted\b|\bwas evicted\b/i.test(t))).toEqual([]);
  });

  it('says a controlled pod without local data would be evicted', () => {
    expect([textOf(drainText(pod({}))), textOf(drainText(pod({})), 'zh-CN'), drainOutcome(pod({}))]).toEqual([
      'Would be evicted',
      '将被驱逐',
      'evict',
    ]);
  });

  it('says a pod needing --force or --delete-emptydir-data would block the drain, naming the flags', () => {
    const both = pod({ requires: ['delete-emptydir-data', 'force'] });
    expect({ text: textOf(drainText(both)), outcome: drainOutcome(both) }).toEqual({
      text: 'Would block the drain: needs --force (no controller would recreate it) and --delete-emptydir-data (its emptyDir data would be lost)',
      outcome: 'block',
    });
  });

  it('says DaemonSet and mirror pods are skipped', () => {
    const ds = pod({ evictable: false, skipReason: 'DaemonSet' });
    expect([textOf(drainText(ds)), textOf(drainText(pod({ evictable: false, skipReason: 'MirrorPod' }))), drainOutcome(ds)]).toEqual([
      'Skipped: DaemonSet pod (drain leaves DaemonSet pods running)',
      'Skipped: mirror pod of a static pod (managed by the kubelet)',
      'skip',
    ]);
  });
});
