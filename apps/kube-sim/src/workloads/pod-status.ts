import type { Pod, PodCondition } from '../api/types';
import type { Random } from '../util/random';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** The owner reference with controller: true, if any. */
export function controllerOf(pod: Pod): { kind: string; name: string; uid: string } | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** Whether a pod counts as healthy for disruption budgets: Ready=True and not terminating. */
export function isPodHealthy(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** Whether the pod's phase is Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** The status with Ready/ContainersReady (lastTransitionTime kept when unchanged) and container ready flags set to `ready`. */
export function withReadiness(status: Pod['status'], ready: boolean, now: Date): Pod['status'] {
  const value = ready ? 'True' : 'False';
  const conditions: PodCondition[] = (status.conditions ?? []).filter((c) => c.type !== 'Ready' && c.type !== 'ContainersReady');
  const changed = (type: string): PodCondition => {
    const old = status.conditions?.find((c) => c.type === type);
    return { type, status: value, lastProbeTime: null, lastTransitionTime: old?.status === value && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now) };
  };
  conditions.push(changed('ContainersReady'), changed('Ready'));
  return { ...status, conditions, containerStatuses: status.containerStatuses?.map((c) => ({ ...c, ready })) };
}

/** A new pod's status: unschedulable (PodScheduled False) or bound and starting (containers not ready). */
export function pendingStatus(scheduled: boolean, hostIP: string | undefined, now: Date): Pod['status'] {
  const t = rfc3339(now);
  if (!scheduled) {
    return { phase: 'Pending', qosClass: 'Burstable', conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'Unschedulable' }] };
  }
  return {
    phase: 'Pending', hostIP, qosClass: 'Burstable', startTime: t,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'ContainersNotReady' },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'ContainersNotReady' },
    ],
  };
}

/** A started pod's status: Running and Ready, a pod IP and container ids drawn from `random` (derived from the pod). */
export function runningStatus(pod: Pod, random: Random, now: Date): Pod['status'] {
  const podIP = `100.${64 + random.int(0, 63)}.${random.int(0, 255)}.${random.int(2, 254)}`;
  const containerStatuses = pod.spec.containers.map((c) => ({
    name: c.name, image: c.image, imageID: '', containerID: `containerd://${random.hex(64)}`, ready: true, restartCount: 0, started: true,
    state: { running: { startedAt: rfc3339(now) } },
  }));
  return withReadiness({ ...pod.status, phase: 'Running', podIP, podIPs: [{ ip: podIP }], startTime: rfc3339(now), containerStatuses }, true, now);
}
