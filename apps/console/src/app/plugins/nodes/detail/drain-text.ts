import type { PodDrainEligibility } from '@knm/contracts';
import { msg, type I18nMessage } from '../../../core/i18n/i18n-message';

/** How a drain of the node would treat a pod. */
export type DrainOutcome = 'evict' | 'block' | 'skip';

/**
 * What `kubectl drain` WOULD do with a pod if the node were drained now, in words (rules:
 * kubernetes/kubectl pkg/drain/filters.go as the API applies them). Never in the past tense: the
 * node page shows this whether or not anyone drains. A DaemonSet pod or a mirror pod is skipped;
 * a pod that needs `--force` (no controller) or `--delete-emptydir-data` (local data) blocks the
 * drain without that flag; any other pod would be evicted.
 */
export function drainOutcome(drain: PodDrainEligibility): DrainOutcome {
  if (!drain.evictable) return 'skip';
  return drain.requires.length ? 'block' : 'evict';
}

export function drainText(drain: PodDrainEligibility): I18nMessage {
  if (!drain.evictable) {
    return drain.skipReason === 'MirrorPod' ? msg('nodes.drain.skippedMirror') : msg('nodes.drain.skippedDaemonSet');
  }
  const force = drain.requires.includes('force');
  const emptyDir = drain.requires.includes('delete-emptydir-data');
  if (force && emptyDir) return msg('nodes.drain.blocksForceAndEmptyDir');
  if (force) return msg('nodes.drain.blocksForce');
  if (emptyDir) return msg('nodes.drain.blocksEmptyDir');
  return msg('nodes.drain.wouldEvict');
}
