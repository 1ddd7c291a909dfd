import type { Node } from '../api/types';
import type { NodeController } from './node-controller';
import type { ConditionChange, SimKubelets } from './kubelet';
import type { ConditionStatus } from './node-conditions';

/** Options of a timed NotReady episode. Times in real milliseconds. */
export interface NotReadyOptions {
  /** `False`: the kubelet reports NotReady (taints not-ready); `Unknown`: the kubelet is silent (taints unreachable). Default False. */
  status?: 'False' | 'Unknown';
  /** Back to Ready after this long; omitted or 0 = stays until changed. */
  durationMs?: number;
  reason?: string;
  message?: string;
}

/** Options of flapping: Ready and NotReady alternate. Times in real milliseconds. */
export interface FlapOptions {
  /** One full cycle: NotReady for the first half, Ready for the second. */
  periodMs: number;
  /** Flapping stops after this long, ending Ready. */
  durationMs: number;
  /** The NotReady status used (default False). */
  status?: 'False' | 'Unknown';
}

/**
 * Timed node faults on top of the simulated kubelets: a condition for a duration, flapping and
 * reboots. Each (node, condition) has at most one pending episode: a new change of the same
 * condition cancels the pending revert or flapping of the old one. Timers use real time.
 */
export class NodeFaults {
  private readonly episodes = new Map<string, Set<NodeJS.Timeout>>();

  constructor(
    readonly kubelets: SimKubelets,
    private readonly nodes: NodeController,
  ) {}

  /** Sets a condition now; with `durationMs` > 0 reverts it to healthy (Ready True, others False) after that long. @throws ApiError 404. */
  setCondition(name: string, change: ConditionChange, durationMs = 0): Node {
    this.nodes.get(name);
    this.cancel(name, change.type);
    const node = this.kubelets.report(name, change);
    if (durationMs > 0) this.after(name, change.type, durationMs, () => this.kubelets.report(name, { type: change.type, status: change.type === 'Ready' ? 'True' : 'False' }));
    return node;
  }

  /** Ready False (kubelet NotReady) or Unknown (kubelet silent), optionally for `durationMs`. @throws ApiError 404. */
  notReady(name: string, options: NotReadyOptions = {}): Node {
    return this.setCondition(name, { type: 'Ready', status: options.status ?? 'False', reason: options.reason, message: options.message }, options.durationMs ?? 0);
  }

  /** NotReady and Ready alternate every `periodMs / 2` for `durationMs`, starting NotReady and ending Ready. @throws ApiError 404. */
  flap(name: string, options: FlapOptions): Node {
    this.nodes.get(name);
    this.cancel(name, 'Ready');
    const half = Math.max(1, options.periodMs / 2);
    const flips = Math.max(1, Math.floor(options.durationMs / half));
    const down: ConditionStatus = options.status ?? 'False';
    for (let i = 1; i < flips; i++) this.after(name, 'Ready', i * half, () => this.kubelets.report(name, { type: 'Ready', status: i % 2 === 1 ? 'True' : down }));
    if (flips % 2 === 1) this.after(name, 'Ready', flips * half, () => this.kubelets.report(name, { type: 'Ready', status: 'True' }));
    return this.kubelets.report(name, { type: 'Ready', status: down });
  }

  /**
   * A reboot: the kubelet goes silent (Ready Unknown, unreachable taints, node-controller
   * NodeNotReady) for `downMs`, then starts with a new bootID (kubelet Starting, Warning Rebooted,
   * NodeReady). `downMs` 0 = the restart in one write. @throws ApiError 404.
   */
  reboot(name: string, downMs = 1000): Node {
    this.nodes.get(name);
    this.cancel(name, 'Ready');
    if (downMs <= 0) return this.kubelets.reboot(name);
    const node = this.kubelets.goSilent(name);
    this.after(name, 'Ready', downMs, () => this.kubelets.comeBack(name, [], true));
    return node;
  }

  /** Whether the node has a pending timed episode. */
  busy(name: string): boolean {
    for (const key of this.episodes.keys()) if (key.startsWith(`${name}\u0000`)) return true;
    return false;
  }

  /** Cancels pending episodes: of one condition of a node, of a node, or all. Returns how many timers were cancelled. */
  cancel(name?: string, type?: string): number {
    let n = 0;
    for (const [key, timers] of this.episodes) {
      const [node, condition] = key.split('\u0000');
      if ((name === undefined || node === name) && (type === undefined || condition === type)) {
        for (const t of timers) clearTimeout(t);
        n += timers.size;
        this.episodes.delete(key);
      }
    }
    return n;
  }

  /** Stops every timer. */
  stop(): void {
    this.cancel();
  }

  private after(name: string, type: string, ms: number, fn: () => void): void {
    const key = `${name}\u0000${type}`;
    let timers = this.episodes.get(key);
    if (!timers) this.episodes.set(key, (timers = new Set()));
    const set = timers;
    const t = setTimeout(() => {
      set.delete(t);
      if (set.size === 0 && this.episodes.get(key) === set) this.episodes.delete(key);
      try {
        fn();
      } catch {
        // The node was deleted meanwhile: nothing left to revert.
      }
    }, ms);
    t.unref();
    set.add(t);
  }
}
