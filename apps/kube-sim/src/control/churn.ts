import type { Node } from '../api/types';
import type { Random } from '../util/random';
import type { NodeFaults } from './node-faults';
import { SimKubelets } from './kubelet';

/** Background churn settings. Off unless `perHour` > 0. */
export interface ChurnOptions {
  /** Average node incidents per hour across the cluster (a Poisson process); 0 = off. */
  perHour: number;
  /** Shortest incident, in real seconds (default 30). */
  minSeconds?: number;
  /** Longest incident, in real seconds (default 300). */
  maxSeconds?: number;
}

/** What the last churn incidents were, for tests and logs. */
export interface ChurnIncident {
  at: string;
  node: string;
  kind: 'NotReady' | 'Unreachable' | 'Reboot' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure';
  durationMs: number;
}

/**
 * Background churn: incidents arrive with exponential gaps (mean 1 h / perHour) on a worker that is
 * Ready, schedulable-or-not, and has no pending fault; each is, drawn from the seeded source:
 * NotReady (kubelet reports False, 35%), Unreachable (kubelet silent, 25%), a reboot (20%) or a
 * Memory/Disk/PID pressure episode (20%), lasting minSeconds..maxSeconds (reboots a quarter of that).
 * The sequence of choices is deterministic for the seed; when they happen follows real time.
 */
export class NodeChurn {
  private timer: NodeJS.Timeout | undefined;
  private options: Required<ChurnOptions> = { perHour: 0, minSeconds: 30, maxSeconds: 300 };
  readonly incidents: ChurnIncident[] = [];

  constructor(
    private readonly faults: NodeFaults,
    private readonly nodes: () => Node[],
    private readonly random: Random,
    private readonly now: () => Date,
  ) {}

  /** Current settings. */
  get(): Required<ChurnOptions> {
    return { ...this.options };
  }

  /** Replaces the settings and restarts the schedule (perHour 0 stops it). */
  set(options: ChurnOptions): Required<ChurnOptions> {
    const minSeconds = options.minSeconds ?? 30;
    this.options = { perHour: options.perHour, minSeconds, maxSeconds: Math.max(minSeconds, options.maxSeconds ?? 300) };
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.options.perHour > 0) this.scheduleNext();
    return this.get();
  }

  /** Stops the schedule (pending episodes end through NodeFaults). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleNext(): void {
    const meanMs = 3_600_000 / this.options.perHour;
    const gap = -Math.log(1 - this.random.next()) * meanMs;
    this.timer = setTimeout(() => {
      this.incident();
      this.scheduleNext();
    }, Math.min(gap, 2_147_000_000));
    this.timer.unref();
  }

  private incident(): void {
    const candidates = this.nodes().filter((n) => !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})) && SimKubelets.isPosting(n) && n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') && !this.faults.busy(n.metadata.name));
    const roll = this.random.next();
    const seconds = this.options.minSeconds + this.random.next() * (this.options.maxSeconds - this.options.minSeconds);
    if (candidates.length === 0) return;
    const node = this.random.pick(candidates).metadata.name;
    const pressure = (['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const)[this.random.int(0, 2)];
    const kind: ChurnIncident['kind'] = roll < 0.35 ? 'NotReady' : roll < 0.6 ? 'Unreachable' : roll < 0.8 ? 'Reboot' : pressure;
    const durationMs = Math.round(seconds * (kind === 'Reboot' ? 250 : 1000));
    if (kind === 'NotReady' || kind === 'Unreachable') this.faults.notReady(node, { status: kind === 'NotReady' ? 'False' : 'Unknown', durationMs });
    else if (kind === 'Reboot') this.faults.reboot(node, durationMs);
    else this.faults.setCondition(node, { type: kind, status: 'True' }, durationMs);
    this.incidents.push({ at: this.now().toISOString(), node, kind, durationMs });
    if (this.incidents.length > 100) this.incidents.shift();
  }
}
