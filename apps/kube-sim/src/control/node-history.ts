import type { Node } from '../api/types';
import type { NodeFaults } from './node-faults';
import type { NodeController } from './node-controller';
import type { ConditionStatus } from './node-conditions';
import type { Violation } from './control-route';

/** One step of a scripted node history. `atMs`: real milliseconds after the start of the playback. */
export interface HistoryStep {
  atMs: number;
  node: string;
  /** A condition change (`condition` + `status`), or an action. */
  condition?: string;
  status?: ConditionStatus;
  reason?: string;
  message?: string;
  /** `reboot`: new bootID in one write (Rebooted event); `cordon`/`uncordon`: spec.unschedulable. */
  action?: 'reboot' | 'cordon' | 'uncordon';
}

/** A step as applied: when, and what the node showed after it. */
export interface AppliedStep extends HistoryStep {
  index: number;
  /** When the step was applied (ISO 8601 with milliseconds). */
  appliedAt: string;
  /** The node's resourceVersion after the step. */
  resourceVersion?: string;
  /** The changed condition's lastTransitionTime after the step (RFC 3339, seconds). */
  lastTransitionTime?: string;
  /** Set when the step could not be applied (e.g. the node was deleted meanwhile). */
  error?: string;
}

/** A playback in progress or finished. */
export interface HistoryPlayback {
  id: string;
  state: 'running' | 'done' | 'cancelled';
  startedAt: string;
  steps: number;
  applied: AppliedStep[];
}


const MAX_STEPS = 10_000;
const ACTIONS = ['reboot', 'cordon', 'uncordon'];
const STATUSES = ['True', 'False', 'Unknown'];
const CONDITION_TYPE = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

/**
 * Checks a history request body `{steps: HistoryStep[]}`: at most 10,000 steps, `atMs`
 * non-negative and non-decreasing, every node existing, each step either a condition change
 * (condition name `[A-Za-z][A-Za-z0-9]*`, status True|False|Unknown) or an action. Returns the
 * steps, or the violations (nothing is played then).
 */
export function parseHistory(body: unknown, nodeExists: (name: string) => boolean): { steps: HistoryStep[] } | { violations: Violation[] } {
  const violations: Violation[] = [];
  const raw = (body as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(raw) || raw.length === 0) return { violations: [{ field: 'steps', rule: 'must be a non-empty array' }] };
  if (raw.length > MAX_STEPS) return { violations: [{ field: 'steps', rule: `must have at most ${MAX_STEPS} steps` }] };
  const steps: HistoryStep[] = [];
  let last = 0;
  raw.forEach((item: unknown, i) => {
    const f = (name: string): string => `steps[${i}].${name}`;
    const s = (item ?? {}) as Record<string, unknown>;
    if (typeof s.atMs !== 'number' || !Number.isFinite(s.atMs) || s.atMs < 0) violations.push({ field: f('atMs'), rule: 'must be a non-negative number of milliseconds' });
    else if (s.atMs < last) violations.push({ field: f('atMs'), rule: 'must not be earlier than the previous step' });
    else last = s.atMs;
    if (typeof s.node !== 'string' || !nodeExists(s.node)) violations.push({ field: f('node'), rule: 'must name an existing node' });
    if (s.action !== undefined) {
      if (!ACTIONS.includes(String(s.action))) violations.push({ field: f('action'), rule: 'must be one of reboot, cordon, uncordon' });
      if (s.condition !== undefined) violations.push({ field: f('condition'), rule: 'must not be set together with action' });
    } else {
      if (typeof s.condition !== 'string' || !CONDITION_TYPE.test(s.condition)) violations.push({ field: f('condition'), rule: 'must be a condition type such as Ready or MemoryPressure' });
      if (!STATUSES.includes(String(s.status))) violations.push({ field: f('status'), rule: 'must be True, False or Unknown' });
    }
    for (const text of ['reason', 'message'] as const) if (s[text] !== undefined && (typeof s[text] !== 'string' || (s[text] as string).length > 1024)) violations.push({ field: f(text), rule: 'must be a string of at most 1024 characters' });
    steps.push({ atMs: s.atMs as number, node: s.node as string, ...(s.action !== undefined ? { action: s.action as HistoryStep['action'] } : { condition: s.condition as string, status: s.status as ConditionStatus }), ...(s.reason !== undefined ? { reason: s.reason as string } : {}), ...(s.message !== undefined ? { message: s.message as string } : {}) });
  });
  return violations.length ? { violations } : { steps };
}

/**
 * Plays scripted histories: steps at their `atMs` offsets from the start (steps due at the same
 * time in list order), each through the simulated kubelets and node controller as if it had
 * happened, cancelling any pending timed fault of the same node and condition.
 */
export class HistoryPlayer {
  private readonly playbacks = new Map<string, { info: HistoryPlayback; timer?: NodeJS.Timeout; finished: Promise<HistoryPlayback>; resolve: (p: HistoryPlayback) => void }>();
  private counter = 0;

  constructor(
    private readonly faults: NodeFaults,
    private readonly nodes: NodeController,
    private readonly now: () => Date,
  ) {}

  /** Starts a playback of validated steps; `done` resolves when it ends (finished or cancelled). */
  play(steps: readonly HistoryStep[]): { playback: HistoryPlayback; done: Promise<HistoryPlayback> } {
    const id = `history-${++this.counter}`;
    const started = Date.now();
    const info: HistoryPlayback = { id, state: 'running', startedAt: this.now().toISOString(), steps: steps.length, applied: [] };
    this.prune();
    let resolve: (p: HistoryPlayback) => void = () => undefined;
    const finished = new Promise<HistoryPlayback>((r) => (resolve = r));
    const entry = { info, finished, resolve, timer: undefined as NodeJS.Timeout | undefined };
    this.playbacks.set(id, entry);
    const tick = (): void => {
      const elapsed = Date.now() - started;
      while (info.applied.length < steps.length && steps[info.applied.length].atMs <= elapsed) info.applied.push(this.apply(steps[info.applied.length], info.applied.length));
      if (info.applied.length === steps.length) {
        info.state = 'done';
        resolve(info);
        return;
      }
      entry.timer = setTimeout(tick, Math.max(0, steps[info.applied.length].atMs - (Date.now() - started)));
      entry.timer.unref();
    };
    tick();
    return { playback: info, done: finished };
  }

  /** A playback's state, or undefined. */
  get(id: string): HistoryPlayback | undefined {
    return this.playbacks.get(id)?.info;
  }

  /** Cancels a running playback (steps not yet applied are dropped). Returns it, or undefined. */
  cancel(id: string): HistoryPlayback | undefined {
    const entry = this.playbacks.get(id);
    if (!entry) return undefined;
    if (entry.info.state === 'running') {
      clearTimeout(entry.timer);
      entry.info.state = 'cancelled';
      entry.resolve(entry.info);
    }
    return entry.info;
  }

  /** Cancels every running playback. */
  stop(): void {
    for (const id of this.playbacks.keys()) this.cancel(id);
  }

  /** Keeps the last 100 finished playbacks. */
  private prune(): void {
    const finished = [...this.playbacks.values()].filter((p) => p.info.state !== 'running');
    for (const p of finished.slice(0, Math.max(0, finished.length - 100))) this.playbacks.delete(p.info.id);
  }

  private apply(step: HistoryStep, index: number): AppliedStep {
    const appliedAt = this.now().toISOString();
    try {
      let node: Node;
      if (step.action === 'reboot') node = this.faults.reboot(step.node, 0);
      else if (step.action) node = this.nodes.modify(step.node, (n) => (step.action === 'cordon' ? void (n.spec.unschedulable = true) : void delete n.spec.unschedulable));
      else node = this.faults.setCondition(step.node, { type: step.condition as string, status: step.status as ConditionStatus, reason: step.reason, message: step.message });
      const condition = node.status.conditions.find((c) => c.type === (step.condition ?? 'Ready'));
      return { ...step, index, appliedAt, resourceVersion: node.metadata.resourceVersion, ...(condition?.lastTransitionTime ? { lastTransitionTime: condition.lastTransitionTime } : {}) };
    } catch (err) {
      return { ...step, index, appliedAt, error: err instanceof Error ? err.message : String(err) };
    }
  }
}
