import type { Node, NodeCondition } from '../api/types';
import type { Random } from '../util/random';
import type { NodeController } from './node-controller';
import { KUBELET_CONDITIONS, conditionStatus, healthyCondition, unknownConditions, withCondition, type ConditionStatus } from './node-conditions';

const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** One condition report: `status` of `type`, with optional reason and message (the kubelet's defaults otherwise). */
export interface ConditionChange {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
}

/**
 * The simulated kubelets' node status reports, with the node lifecycle controller's reaction to a
 * silent kubelet. A kubelet is "posting" while Ready is True or False; `Ready=Unknown` means it
 * stopped (the controller then writes every kubelet condition Unknown, keeping the heartbeat).
 * A report for a silent kubelet is remembered and appears when it posts again; when it comes
 * back every kubelet condition takes its reported status with a new lastTransitionTime.
 * Conditions that are not the kubelet's (NetworkUnavailable, custom types) are written as is.
 */
export class SimKubelets {
  /** The last report of each silent kubelet (its conditions before it went silent, plus later reports). */
  private readonly silentReports = new Map<string, NodeCondition[]>();
  private readonly boots = new Map<string, number>();

  constructor(
    private readonly nodes: NodeController,
    private readonly random: Random,
    private readonly now: () => Date,
  ) {}

  /** Whether the node's kubelet posts status (Ready is True or False). */
  static isPosting(node: Node): boolean {
    return (conditionStatus(node, 'Ready') ?? 'Unknown') !== 'Unknown';
  }

  /**
   * Applies a condition change as the kubelet (or, for Ready=Unknown, the lifecycle controller)
   * would write it. Returns the stored node. @throws ApiError 404 for an unknown node.
   */
  report(name: string, change: ConditionChange): Node {
    const node = this.nodes.get(name);
    const kubeletType = (KUBELET_CONDITIONS as readonly string[]).includes(change.type);
    if (change.type === 'Ready' && change.status === 'Unknown') return this.goSilent(name);
    if (!SimKubelets.isPosting(node)) {
      if (change.type === 'Ready') return this.comeBack(name, [change]);
      if (kubeletType) {
        this.silentReports.set(name, withCondition(this.silentReport(node), change, rfc3339(this.now()), []));
        return node;
      }
    }
    if (kubeletType && change.status === 'Unknown') return node;
    return this.nodes.modify(name, (n) => {
      n.status.conditions = withCondition(n.status.conditions, change, rfc3339(this.now()), KUBELET_CONDITIONS);
    });
  }

  /** The kubelet stops posting: the lifecycle controller marks its conditions Unknown. @throws ApiError 404. */
  goSilent(name: string): Node {
    const node = this.nodes.get(name);
    if (!SimKubelets.isPosting(node)) return node;
    this.silentReports.set(name, node.status.conditions.filter((c) => (KUBELET_CONDITIONS as readonly string[]).includes(c.type)).map((c) => ({ ...c })));
    return this.nodes.modify(name, (n) => {
      n.status.conditions = unknownConditions(n.status.conditions, rfc3339(this.now()));
    });
  }

  /**
   * The kubelet posts again (after `goSilent` or for a node generated Unknown): its remembered
   * report with `changes` applied, every kubelet condition transitioning now; `newBoot` gives the
   * node a new nodeInfo.bootID (a reboot). @throws ApiError 404.
   */
  comeBack(name: string, changes: readonly ConditionChange[] = [], newBoot = false): Node {
    const node = this.nodes.get(name);
    const nowText = rfc3339(this.now());
    let report: NodeCondition[] = this.silentReport(node).map((c) => ({ ...c, lastHeartbeatTime: nowText, lastTransitionTime: nowText }));
    for (const change of changes) report = withCondition(report, change, nowText, []);
    if (!report.some((c) => c.type === 'Ready' && c.status !== 'Unknown')) report = withCondition(report, { type: 'Ready', status: 'True' }, nowText, []);
    this.silentReports.delete(name);
    return this.nodes.modify(name, (n) => {
      const others = n.status.conditions.filter((c) => !(KUBELET_CONDITIONS as readonly string[]).includes(c.type));
      n.status.conditions = [...report.filter((c) => c.type !== 'Ready'), ...others, ...report.filter((c) => c.type === 'Ready')];
      if (newBoot) n.status.nodeInfo = { ...n.status.nodeInfo, bootID: this.nextBootId(name) };
    });
  }

  /**
   * A reboot in one step as the API shows it: the kubelet restarts with a new bootID and posts its
   * conditions (healthy unless it had reported otherwise). Use goSilent first for the downtime.
   */
  reboot(name: string): Node {
    const node = this.nodes.get(name);
    if (SimKubelets.isPosting(node)) this.silentReports.set(name, node.status.conditions.filter((c) => (KUBELET_CONDITIONS as readonly string[]).includes(c.type)).map((c) => ({ ...c })));
    return this.comeBack(name, [], true);
  }

  private silentReport(node: Node): NodeCondition[] {
    const saved = this.silentReports.get(node.metadata.name);
    if (saved) return saved;
    const nowText = rfc3339(this.now());
    return KUBELET_CONDITIONS.map((type) => healthyCondition(type, nowText));
  }

  /** Boot ids derive from the node name and its reboot count, so two simulators agree. */
  private nextBootId(name: string): string {
    const n = (this.boots.get(name) ?? 0) + 1;
    this.boots.set(name, n);
    return this.random.fork(`boot/${name}/${n}`).uuid();
  }
}
